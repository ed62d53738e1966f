/** The doctor's reading of uploads (hostile ones included) and its discovery of what a project already has. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import JSZip from "jszip";
import { runDiagnostics } from "../../lib/diagnostics";
import { discover, providerOf } from "../../lib/doctor/discover";
import { LIMITS, UploadError, type Limits } from "../../lib/doctor/limits";
import { readProject } from "../../lib/doctor/read";
import { patchedZip, zipEntries } from "../../lib/doctor/zip";
import { brokenProject, cleanProject } from "./load-fixture";

async function zipOf(entries: [string, string | Uint8Array, JSZip.JSZipFileOptions?][]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content, options] of entries) zip.file(name, content, { createFolders: false, ...options });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", platform: "UNIX" });
}

/** Rewrites every entry's declared uncompressed size (local headers and central directory), as a crafted bomb does. */
function lieAboutSizes(zip: Uint8Array, size: number, only = /./): Uint8Array {
  const bytes = zip.slice();
  const view = new DataView(bytes.buffer);
  const nameAt = (offset: number, lengthAt: number) => new TextDecoder().decode(bytes.subarray(offset, offset + view.getUint16(lengthAt, true)));
  for (let i = 0; i + 4 <= bytes.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50 && only.test(nameAt(i + 30, i + 26))) view.setUint32(i + 22, size, true);
    if (signature === 0x02014b50 && only.test(nameAt(i + 46, i + 28))) view.setUint32(i + 24, size, true);
  }
  return bytes;
}

const load = async (data: Uint8Array, limits: Limits = LIMITS) => readProject(await zipEntries(data, limits), limits);

describe("reading a zip upload", () => {
  it("reads the project under its top folder, and the patched zip keeps that folder and the binaries", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]);
    const data = await zipOf([...cleanProject().map((f): [string, string] => [`shop/${f.path}`, f.content]), ["shop/docs/logo.png", png]]);
    const project = await load(data);
    assert.equal(project.root, "shop/");
    assert.deepEqual(
      project.files.map((f) => f.path).sort(),
      cleanProject()
        .map((f) => f.path)
        .sort(),
    );
    assert.deepEqual(
      project.binaries.map((b) => b.path),
      ["docs/logo.png"],
    );

    const fixed = runDiagnostics(brokenProject("esm"), undefined, { fix: true }).files;
    const again = await load(await patchedZip(project, fixed));
    assert.equal(again.root, "shop/");
    assert.ok(again.files.find((f) => f.path === "auth-server/package.json")!.content.includes('"type": "module"'));
    assert.deepEqual([...again.binaries[0].bytes], [...png]);
  });

  it("skips ../ and absolute paths and symlinks, with the reason, and reads the rest", async () => {
    const data = await zipOf([
      ["app/main.py", "print('hi')\n"],
      ["../../etc/cron.d/evil", "* * * * * root rm -rf /\n"],
      ["/etc/passwd", "root:x:0:0\n"],
      ["app/link", "/etc/shadow", { unixPermissions: 0o120777 }],
    ]);
    const project = await load(data);
    // Everything left is under app/, which becomes the root.
    assert.deepEqual(
      project.files.map((f) => `${project.root}${f.path}`),
      ["app/main.py"],
    );
    const reasons = Object.fromEntries(project.skipped.map((s) => [s.path, s.reason]));
    assert.match(reasons["../../etc/cron.d/evil"], /leaves the project/);
    assert.match(reasons["/etc/passwd"] ?? reasons["etc/passwd"], /absolute/);
    assert.match(reasons["app/link"], /symbolic link/);
  });

  it("refuses a zip bomb that admits its size, before unpacking anything", async () => {
    const zeros = new Uint8Array(LIMITS.maxTotalBytes + 1024 * 1024);
    const data = await zipOf([["bomb/a.txt", zeros]]);
    assert.ok(data.length < 1024 * 1024, "the archive itself is small");
    await assert.rejects(load(data), (e: Error) => e instanceof UploadError && /add up to 51 MB; the limit is 50 MB/.test(e.message));
  });

  it("stops a zip bomb that lies about its size while unpacking, at the limit", async () => {
    const data = lieAboutSizes(
      await zipOf([
        ["bomb/a.txt", new Uint8Array(LIMITS.maxTotalBytes + 1024 * 1024)],
        ["bomb/ok.py", "x = 1\n"],
      ]),
      1000,
      /a\.txt$/,
    );
    await assert.rejects(load(data), (e: Error) => e instanceof UploadError && /expands to more than 50 MB/.test(e.message));
  });

  it("keeps a large honest file in the download without checking it", async () => {
    const big = "x".repeat(LIMITS.maxFileBytes + 1);
    const project = await load(
      await zipOf([
        ["p/big.log", big],
        ["p/app.py", "x = 1\n"],
      ]),
    );
    assert.deepEqual(
      project.files.map((f) => f.path),
      ["app.py"],
    );
    assert.equal(project.binaries[0].bytes.length, big.length);
    assert.match(project.skipped[0].reason, /larger than 2 MB: kept in the download, not checked/);
  });

  it("refuses a lying entry that ends before the cap with jszip's size mismatch, as an unreadable archive", async () => {
    const data = lieAboutSizes(await zipOf([["p/a.txt", "a".repeat(5_000)]]), 10);
    await assert.rejects(load(data), (e: Error) => e instanceof UploadError && /could not be unpacked/.test(e.message));
  });

  it("refuses more than 5,000 files, an archive over 50 MB, and something that is not a zip", async () => {
    const many = await zipOf(Array.from({ length: LIMITS.maxFiles + 1 }, (_, i): [string, string] => [`p/f${i}.py`, "x = 1\n"]));
    await assert.rejects(load(many), /5001 files.*limit is 5000/);
    await assert.rejects(zipEntries(new Uint8Array(LIMITS.maxUploadBytes + 1)), /limit is 50 MB/);
    await assert.rejects(zipEntries(new TextEncoder().encode("not a zip at all")), /not a readable zip/);
  });

  it("does not count node_modules or .git toward the file limit, and keeps binaries out of the checks", async () => {
    const data = await zipOf([
      ...Array.from({ length: 50 }, (_, i): [string, string] => [`p/node_modules/x/f${i}.js`, "module.exports = 1;\n"]),
      ["p/.git/HEAD", "ref: refs/heads/main\n"],
      ["p/backend/main.py", "from fastapi import FastAPI\napp = FastAPI()\n"],
      ["p/backend/data.bin", new Uint8Array([1, 0, 2, 0])],
    ]);
    const project = await load(data, { ...LIMITS, maxFiles: 10 });
    assert.deepEqual(
      project.files.map((f) => f.path),
      ["backend/main.py"],
    );
    assert.match(project.skipped.find((s) => s.path === "backend/data.bin")!.reason, /binary file: kept in the download/);
  });
});

describe("discovery", () => {
  it("finds what the clean fixture has and prefills the wizard with it", () => {
    const d = discover(cleanProject());
    assert.deepEqual(d.fastapi, { file: "backend/src/main.py", app: "app", module: "src.main:app" });
    assert.deepEqual(d.pythonManifests, ["backend/requirements.txt"]);
    for (const name of ["fastapi", "alembic", "pyjwt", "psycopg"]) assert.ok(d.pythonPackages.includes(name), name);
    assert.deepEqual(d.database, { host: "local", file: "auth-server/.env" });
    assert.deepEqual(d.corsOrigins, ["http://localhost:3000", "https://shop.example.com"]);
    assert.deepEqual(d.authServer, { folder: "auth-server/", framework: "hono", orm: "pg", other: undefined });
    assert.equal(d.validationMethod, "jwt");
    assert.equal(d.deployment.authServer, "vercel");
    assert.ok(d.existingAuth.some((a) => a.file === "backend/src/auth/dependencies.py" && /PyJWT/.test(a.kind)));
    assert.equal(d.prefill.database.host, "local");
    assert.deepEqual(d.prefill.cors.origins, ["http://localhost:3000", "https://shop.example.com"]);
    assert.equal(d.prefill.deployment.authServer, "vercel");
    assert.deepEqual(d.dropped, []);
  });

  it("finds the app a factory builds, as in Sidecar's own backend", () => {
    const files = [
      {
        path: "backend/src/main.py",
        content: "def create_app(settings):\n    app = FastAPI(title='x')\n    return app\n\n\napp = create_app(get_settings())\n",
      },
    ];
    assert.deepEqual(discover(files).fastapi, { file: "backend/src/main.py", app: "app", module: "src.main:app" });
  });

  it("names the provider from DATABASE_URL's host", () => {
    assert.equal(providerOf("postgresql://u:p@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require"), "neon");
    assert.equal(providerOf("postgres://postgres.abc:p@aws-0-eu-central-1.pooler.supabase.com:6543/postgres"), "supabase");
    assert.equal(providerOf("postgresql://postgres:p@monorail.proxy.rlwy.net:12345/railway"), "railway");
    assert.equal(providerOf("postgresql+asyncpg://postgres:postgres@localhost:5432/app"), "local");
    assert.equal(providerOf("postgresql://u:p@db.internal.example.com/app"), undefined);
  });

  it("drops what the schema refuses instead of prefilling it", () => {
    const files = [
      { path: "backend/main.py", content: "from fastapi import FastAPI\napp = FastAPI()\n" },
      { path: "backend/.env", content: "CORS_ORIGINS=http://localhost:3000,http://localhost:3000\n" },
    ];
    const d = discover(files);
    assert.deepEqual(
      d.dropped,
      ["cors.origins"].filter(() => d.corsOrigins.length !== new Set(d.corsOrigins).size),
    );
    assert.equal(d.fastapi?.module, "main:app");
    assert.equal(d.authServer, undefined);
  });
});
