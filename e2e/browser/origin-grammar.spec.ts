/** An IPv6 origin, valid in the schema, is generated everywhere: the wizard, the API's POST and GET. */
import { readFileSync } from "node:fs";
import { parseConfig } from "../../lib/config/schema";
import { encodePermalink } from "../../lib/permalink";
import { cliZip } from "../support/cli";
import { expect, openWizard, test } from "../support/fixtures";

const CONFIG = { projectName: "v6-app", cors: { origins: ["http://[::1]:5173", "https://app.example.com"] } };

function permalink(): string {
  const parsed = parseConfig(CONFIG);
  if (!parsed.ok) throw new Error("the test configuration is invalid");
  return encodePermalink(parsed.config);
}

test("the API answers an IPv6 origin with the CLI's zip, and a non-canonical one with 400 and its field", async ({ request }) => {
  const expected = cliZip(CONFIG);
  const post = await request.post("/api/generate", { data: CONFIG });
  expect(post.status()).toBe(200);
  expect(Buffer.compare(await post.body(), expected)).toBe(0);
  const get = await request.get(`/api/generate?${permalink()}`);
  expect(get.status(), await get.text()).toBe(200);
  expect(Buffer.compare(await get.body(), expected)).toBe(0);

  const refused = await request.post("/api/generate", { data: { cors: { origins: ["http://[0:0::1]:5173"] } } });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).problems).toEqual([{ path: "cors.origins.0", message: expect.stringContaining("write http://[::1]:5173") }]);
});

test("the wizard downloads a project for an IPv6 origin", async ({ page, pageErrors }) => {
  await openWizard(page, `/?${permalink()}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Download zip/ }).click()]);
  expect(Buffer.compare(readFileSync(await download.path()), cliZip(CONFIG))).toBe(0);
  expect(pageErrors).toEqual([]);
});
