/**
 * POST /api/generate, called as Next calls it (a web Request in, a Response
 * out): the JSON body path, and the multipart path that integrates an
 * uploaded app, with its limits and refusals.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import JSZip from "jszip";
import { POST } from "../../app/api/generate/route.api";
import { parseConfig } from "../../lib/config/schema";
import { generateProject } from "../../lib/generate";
import { zipProject } from "../../lib/zip";
import { zipFolder } from "../support/zip-folder";

const APPS = join(import.meta.dirname, "../fixtures/existing-apps");
const work = mkdtempSync(join(tmpdir(), "sidecar-api-"));

/** `npm run generate -- --existing <zip> --config <file> --out x.zip`: the CLI's bytes for the same upload. */
function cliZip(appZip: Uint8Array, config: string): Uint8Array {
  const [zipPath, configPath, outPath] = ["app.zip", "config.json", "out.zip"].map((name) => join(work, name));
  writeFileSync(zipPath, appZip);
  writeFileSync(configPath, config);
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/generate.ts", "--existing", zipPath, "--config", configPath, "--out", outPath], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  return new Uint8Array(readFileSync(outPath));
}

const fixtureZip = (name: string) => zipFolder(join(APPS, name));

function post(body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return POST(new Request("http://sidecar.test/api/generate", { method: "POST", body, headers }));
}

function form(fields: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const zipBlob = (bytes: Uint8Array) => new Blob([bytes as BlobPart], { type: "application/zip" });

describe("POST /api/generate", () => {
  it("a JSON configuration still answers the generator's zip", async () => {
    const config = { projectName: "json-app", session: { validationMethod: "database" } };
    const response = await post(JSON.stringify(config), { "content-type": "application/json" });
    assert.equal(response.status, 200);
    const parsed = parseConfig(config);
    assert.ok(parsed.ok);
    const expected = await zipProject("json-app", generateProject(parsed.config));
    assert.deepEqual(new Uint8Array(await response.arrayBuffer()), expected);
  });

  it("a zipped app and its configuration as multipart: the CLI's zip for the same upload", async () => {
    const app = await fixtureZip("greeter-environ");
    const config = readFileSync(join(APPS, "configs/greeter-environ.json"), "utf8");
    const response = await post(form({ config, app: zipBlob(app) }));
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(response.headers.get("content-type"), "application/zip");
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert.deepEqual(bytes, cliZip(app, config));
    const names = Object.keys((await JSZip.loadAsync(bytes)).files);
    for (const name of ["greeter/sidecar.patch", "greeter/sidecar.json", "greeter/backend/greeter/main.py", "greeter/auth-server/package.json"]) assert.ok(names.includes(name), name);
  });

  it("an app that is not FastAPI gets 422 with the reasons", async () => {
    const response = await post(form({ config: JSON.stringify({ projectName: "nope" }), app: zipBlob(await fixtureZip("not-fastapi")) }));
    assert.equal(response.status, 422);
    const body = (await response.json()) as { reasons: string[] };
    assert.match(body.reasons.join("\n"), /FastAPI/);
  });

  it("an upload past the doctor's limits gets 413, whether the body or the unpacked zip is too large", async () => {
    const huge = new Uint8Array(51 * 1024 * 1024);
    const tooLarge = await post(form({ config: "{}", app: zipBlob(huge) }));
    assert.equal(tooLarge.status, 413);

    const bomb = new JSZip();
    bomb.file("bomb/zeros.txt", new Uint8Array(51 * 1024 * 1024));
    const bombBytes = await bomb.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    const unpacked = await post(form({ config: "{}", app: zipBlob(bombBytes) }));
    assert.equal(unpacked.status, 413);
    assert.match(((await unpacked.json()) as { error: string }).error, /limit is 50 MB/);
  });

  it("malformed forms get 400 naming what is wrong", async () => {
    const app = zipBlob(await fixtureZip("greeter-environ"));
    const cases: [FormData, RegExp][] = [
      [form({ app }), /`config` field/],
      [form({ config: "{}" }), /`app` file field/],
      [form({ config: "{nope", app }), /not valid JSON/],
      [form({ config: "{}", app: zipBlob(new TextEncoder().encode("hello")) }), /not a readable zip/],
      [form({ config: JSON.stringify({ projectType: "new" }), app }), /projectType/],
      [form({ config: JSON.stringify({ projectName: "Has Spaces" }), app }), /Invalid configuration/],
    ];
    for (const [data, message] of cases) {
      const response = await post(data);
      assert.equal(response.status, 400);
      assert.match(((await response.json()) as { error: string }).error, message);
    }
  });
});
