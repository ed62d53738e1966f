/** The HTTP endpoint: the same zip as the CLI, field errors for bad input, a body size limit. */
import { cliZip } from "../support/cli";
import { expect, test } from "../support/fixtures";

const CONFIG = { projectName: "api-app", database: { host: "neon" }, session: { validationMethod: "database" }, stack: { framework: "express" } };

test("POST a configuration: the CLI's zip", async ({ request }) => {
  const response = await request.post("/api/generate", { data: CONFIG });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/zip");
  expect(response.headers()["content-disposition"]).toContain('filename="api-app.zip"');
  expect(Buffer.compare(await response.body(), cliZip(CONFIG))).toBe(0);
});

test("GET with a permalink query: the CLI's zip", async ({ request }) => {
  const response = await request.get("/api/generate?v=1&n=api-app&sv=database&fw=express");
  expect(response.status()).toBe(200);
  expect(Buffer.compare(await response.body(), cliZip(CONFIG))).toBe(0);
});

test("invalid configurations get 400 with the field errors", async ({ request }) => {
  const post = await request.post("/api/generate", { data: { database: { host: "mysql" }, cors: { origins: ["nope"] } } });
  expect(post.status()).toBe(400);
  const body = await post.json();
  expect(body.problems.map((p: { path: string }) => p.path).sort()).toEqual(["cors.origins.0", "database.host"]);

  const get = await request.get("/api/generate?v=1&se=90%20days");
  expect(get.status()).toBe(400);
  expect((await get.json()).problems[0]).toMatchObject({ path: "session.expiresIn" });

  const notJson = await request.post("/api/generate", { data: "{not json", headers: { "content-type": "application/json" } });
  expect(notJson.status()).toBe(400);
});

test("a body over the size limit is refused", async ({ request }) => {
  const response = await request.post("/api/generate", {
    data: JSON.stringify({ description: "x".repeat(200_000) }),
    headers: { "content-type": "application/json" },
  });
  expect(response.status()).toBe(413);
});
