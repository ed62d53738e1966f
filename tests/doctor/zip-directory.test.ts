/** The reader's own walk of a zip's central directory, and what it keeps of each file (whole folders, modes). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import JSZip from "jszip";
import { CHECKS, runDiagnostics } from "../../lib/diagnostics";
import { discover } from "../../lib/doctor/discover";
import { LIMITS, UploadError } from "../../lib/doctor/limits";
import { readProject, unsafePath, type UploadEntry } from "../../lib/doctor/read";
import { MAX_NAME_BYTES, patchedZip, zipEntries } from "../../lib/doctor/zip";
import { craftedZip } from "../support/crafted-zip";

const load = async (data: Uint8Array) => readProject(await zipEntries(data));
const refusal = (pattern: RegExp) => (e: Error) => e instanceof UploadError && pattern.test(e.message);

function entry(path: string, content = "x = 1\n", extra: Partial<UploadEntry> = {}): UploadEntry {
  const bytes = new TextEncoder().encode(content);
  return { path, size: bytes.length, read: async () => bytes, ...extra };
}

describe("the central directory, before anything is unpacked", () => {
  it("refuses 1.05 million entries sharing one local header from the end record's count", async () => {
    const data = craftedZip({ count: 1_050_000, shareOneHeader: true, nameBytes: 0 });
    assert.ok(data.length < LIMITS.maxUploadBytes);
    await assert.rejects(zipEntries(data), refusal(/lists 1050000 entries; the limit is 100000/));
  });

  it("refuses entries within the count that share one local header", async () => {
    await assert.rejects(zipEntries(craftedZip({ count: 99_000, shareOneHeader: true })), refusal(/overlap \(98999 share/));
  });

  it("reads an honest archive of the same shape", async () => {
    const entries = await zipEntries(craftedZip({ count: 300, shareOneHeader: false }));
    assert.equal(entries.length, 300);
    assert.equal(new TextDecoder().decode(await entries[299].read(100)), "x = 1\n");
    assert.equal(entries[0].mode, 0o644);
  });

  it("refuses a directory that holds more entries than its end record counts", async () => {
    const data = craftedZip({ count: 3, shareOneHeader: false });
    const view = new DataView(data.buffer);
    view.setUint16(data.length - 22 + 10, 2, true);
    await assert.rejects(zipEntries(data), refusal(/more than the 2 entries it counts/));
  });

  it("refuses an over-long entry name", async () => {
    await assert.rejects(
      zipEntries(craftedZip({ count: 2, shareOneHeader: false, nameBytes: MAX_NAME_BYTES + 1 })),
      refusal(/entry name of 1025 bytes; the limit is 1024/),
    );
  });

  it("refuses an entry whose declared data lies beyond the archive", async () => {
    const data = craftedZip({ count: 1, shareOneHeader: false });
    const view = new DataView(data.buffer);
    const central = data.length - 22 - (46 + 4);
    view.setUint32(central + 20, 10_000_000, true);
    await assert.rejects(zipEntries(data), refusal(/claims data beyond the archive/));
  });
});

describe("what the reader keeps", () => {
  it("reads build/ and dist/ folders of app code, and reports skipped dependency folders as one line each", async () => {
    const project = await readProject([
      entry("app/build/settings.py"),
      entry("app/dist/cli.py"),
      entry("app/node_modules/a/index.js"),
      entry("app/node_modules/b/index.js"),
    ]);
    assert.deepEqual(
      project.files.map((f) => f.path),
      ["build/settings.py", "dist/cli.py"],
    );
    assert.deepEqual(project.skipped, [{ path: "app/node_modules/", reason: "2 files of a dependency, tool or cache folder: not read" }]);
  });

  it("keeps three 1.9 MB nested-JSON files whole, and the checks and discovery read them", { timeout: 60_000 }, async () => {
    const depth = 5_000;
    const nested = `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    const content = `[${Array.from({ length: Math.floor(1_900_000 / (nested.length + 1)) }, () => nested).join(",")}]`;
    const paths = ["auth-server/package.json", "auth-server/vercel.json", "backend/data.json"];
    const project = await readProject(paths.map((path) => entry(`big/${path}`, content)));
    assert.deepEqual(
      project.files.map((f) => [f.path, f.content.length]),
      paths.map((path) => [path, content.length]),
    );
    const report = runDiagnostics(project.files);
    assert.equal(report.results.length, CHECKS.length);
    assert.equal(discover(project.files).authServer?.framework, undefined, "a package.json that is an array names no framework");
  });

  it("reports names Windows reads differently, and a duplicate path, instead of replacing a file", async () => {
    const project = await readProject([
      entry("my-app/.. /.. /x"),
      entry("my-app/x:ads"),
      entry("my-app/notes./a.txt"),
      entry("my-app/dupe3.txt", "first\n"),
      entry("my-app\\dupe3.txt", "second\n"),
    ]);
    assert.deepEqual(project.files, [{ path: "dupe3.txt", content: "first\n" }]);
    const reasons = Object.fromEntries(project.skipped.map((s) => [s.path, s.reason]));
    assert.equal(reasons["my-app/.. /.. /x"], "a path segment ends in a dot or a space");
    assert.equal(reasons["my-app/x:ads"], "colon in the path");
    assert.equal(reasons["my-app/notes./a.txt"], "a path segment ends in a dot or a space");
    assert.match(reasons["my-app\\dupe3.txt"], /same path as an earlier entry \(my-app\/dupe3\.txt\); the first one was kept/);
    assert.equal(unsafePath("./app/main.py"), undefined, "a leading ./ is a plain relative path");
  });

  it("keeps file modes and binaries in the patched zip, and never writes at or under an uploaded symlink", async () => {
    const source = new JSZip();
    source.file("p/run.sh", "#!/bin/sh\necho hi\n", { unixPermissions: 0o100755 });
    source.file("p/logo.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47]), { unixPermissions: 0o100600 });
    source.file("p/vercel.json", "/etc/passwd", { unixPermissions: 0o120777 });
    source.file("p/shared", "/tmp", { unixPermissions: 0o120777 });
    const project = await load(await source.generateAsync({ type: "uint8array", platform: "UNIX" }));
    assert.deepEqual(project.links, ["vercel.json", "shared"]);
    const written = [...project.files, { path: "vercel.json", content: "{}" }, { path: "shared/x.txt", content: "x" }];
    const out = await JSZip.loadAsync(await patchedZip(project, written));
    assert.deepEqual(Object.keys(out.files).sort(), ["p/logo.png", "p/run.sh"]);
    assert.equal((out.files["p/run.sh"].unixPermissions as number) & 0o7777, 0o755);
    assert.equal((out.files["p/logo.png"].unixPermissions as number) & 0o7777, 0o600);
  });
});
