/**
 * POST /api/generate with an existing app: the multipart form as the route
 * reads it (limits, missing fields), and the job the pool runs on it, through
 * a real worker thread (the zip the CLI writes for the same upload, 413 past
 * the doctor's limits, 422 with the reasons), with the JSON path unchanged.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { after, describe, it } from "node:test";
import JSZip from "jszip";
import { runGenerateRequest, type GenerateRequest, type GenerateResult } from "../../lib/api/generate-job";
import { GeneratorPool } from "../../lib/api/pool";
import { appUploadRequest, type FormRefusal } from "../../lib/api/upload-form";
import { parseConfig } from "../../lib/config/schema";
import { buildProject } from "../../lib/pipeline";
import { zipProject } from "../../lib/zip";
import { zipFolder } from "../support/zip-folder";

const APPS = join(import.meta.dirname, "../fixtures/existing-apps");
const work = mkdtempSync(join(tmpdir(), "sidecar-api-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** The pool's worker under tsx: Node's worker threads do not inherit the TypeScript loader. */
const WORKER = new URL("../../lib/api/generate.worker.ts", import.meta.url).href;
const pool = new GeneratorPool({
  workers: 1,
  queue: 4,
  startWorker: () => new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); })`, { eval: true }),
});

const inPool = (request: GenerateRequest) => pool.run(request)!;

/** `npm run generate -- --existing <zip> --config <file> --out x.zip`: the CLI's bytes for the same upload. */
function cliZip(appZip: Uint8Array, config: string): Uint8Array {
  const [zipPath, configPath, outPath] = ["app.zip", "config.json", "out.zip"].map((name) => join(work, name));
  writeFileSync(zipPath, appZip);
  writeFileSync(configPath, config);
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/generate.ts", "--existing", zipPath, "--config", configPath, "--out", outPath], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  return new Uint8Array(readFileSync(outPath));
}

const fixtureZip = (name: string) => zipFolder(join(APPS, name));
const upload = (app: Uint8Array, config = "{}"): GenerateRequest => ({ method: "POST", config, app });

function formRequest(fields: Record<string, string | Blob>): Request {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return new Request("http://sidecar.test/api/generate", { method: "POST", body });
}

function refusal(result: GenerateResult) {
  assert.ok(!result.ok, "expected a refusal");
  return result;
}

describe("POST /api/generate with an existing app", () => {
  it("the form's fields become one job; a body past the upload limit is 413 before it is read whole", async () => {
    const app = await fixtureZip("greeter-environ");
    const job = await appUploadRequest(formRequest({ config: "{}", app: new Blob([app as BlobPart]), appPath: "greeter-environ" }));
    assert.deepEqual(job, { method: "POST", config: "{}", app, appPath: "greeter-environ" });

    const refused = async (fields: Record<string, string | Blob>) => (await appUploadRequest(formRequest(fields))) as FormRefusal;
    const tooLarge = await refused({ config: "{}", app: new Blob([new Uint8Array(51 * 1024 * 1024)]) });
    assert.equal(tooLarge.status, 413);
    assert.match(tooLarge.error, /larger than/);
    assert.deepEqual(await refused({ app: new Blob([app as BlobPart]) }), {
      status: 400,
      error: "The form needs a `config` field holding the JSON configuration",
    });
    assert.deepEqual(await refused({ config: "{}" }), { status: 400, error: "The form needs an `app` file field holding a zip of the app" });
  });

  it("a zipped app and its configuration: the CLI's zip for the same upload, made in a worker thread", async () => {
    const app = await fixtureZip("greeter-environ");
    const config = readFileSync(join(APPS, "configs/greeter-environ.json"), "utf8");
    const result = await inPool(upload(app, config));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.fileName, "greeter.zip");
    assert.deepEqual(new Uint8Array(result.bytes), cliZip(app, config));
    const names = Object.keys((await JSZip.loadAsync(result.bytes)).files);
    for (const name of ["greeter/sidecar.patch", "greeter/sidecar.json", "greeter/backend/greeter/main.py", "greeter/auth-server/package.json"])
      assert.ok(names.includes(name), name);
  });

  it("an app that is not FastAPI gets 422 with the reasons", async () => {
    const result = refusal(await inPool(upload(await fixtureZip("not-fastapi"), JSON.stringify({ projectName: "nope" }))));
    assert.equal(result.status, 422);
    assert.match(result.reasons!.join("\n"), /FastAPI/);
  });

  it("a zip that unpacks past the doctor's limits gets 413", async () => {
    const bomb = new JSZip();
    bomb.file("bomb/zeros.txt", new Uint8Array(51 * 1024 * 1024));
    const result = refusal(await runGenerateRequest(upload(await bomb.generateAsync({ type: "uint8array", compression: "DEFLATE" }))));
    assert.equal(result.status, 413);
    assert.match(result.error, /limit is 50 MB/);
  });

  it("bad configurations and unreadable zips get 400 naming what is wrong", async () => {
    const app = await fixtureZip("greeter-environ");
    const cases: [GenerateRequest, RegExp][] = [
      [upload(app, "{nope"), /not valid JSON/],
      [upload(new TextEncoder().encode("hello")), /not a readable zip/],
      [upload(app, JSON.stringify({ projectType: "new" })), /projectType/],
      [upload(app, JSON.stringify({ projectName: "Has Spaces" })), /Invalid configuration/],
    ];
    for (const [request, message] of cases) {
      const result = refusal(await runGenerateRequest(request));
      assert.equal(result.status, 400);
      assert.match(result.error, message);
    }
  });

  it("a JSON configuration still answers the generator's zip", async () => {
    const config = { projectName: "json-app", session: { validationMethod: "database" } };
    const result = await runGenerateRequest({ method: "POST", body: JSON.stringify(config) });
    assert.ok(result.ok);
    const parsed = parseConfig(config);
    assert.ok(parsed.ok);
    assert.deepEqual(result.bytes, await zipProject("json-app", buildProject(parsed.config).files));
  });
});
