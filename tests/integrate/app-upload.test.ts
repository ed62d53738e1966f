/** Reading an app from disk for `npm run generate -- --existing`: the doctor's folder walker and zip reader, modes kept. */
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import JSZip from "jszip";
import { readAppUpload } from "../../scripts/app-upload";

const work = mkdtempSync(join(tmpdir(), "sidecar-app-upload-"));
after(() => rmSync(work, { recursive: true, force: true }));

const summary = (files: { path: string; mode?: number }[]) => files.map((f) => `${f.path} ${f.mode === undefined ? "-" : f.mode.toString(8)}`);

describe("readAppUpload", () => {
  it("reads a folder with each file's permission bits, leaving out tool caches and never a setuid bit", async () => {
    const app = join(work, "folder");
    for (const dir of ["app", "scripts", ".pytest_cache/v", "app/__pycache__"]) mkdirSync(join(app, dir), { recursive: true });
    writeFileSync(join(app, "app/main.py"), "from fastapi import FastAPI\napp = FastAPI()\n");
    writeFileSync(join(app, "scripts/migrate.sh"), "#!/bin/sh\nalembic upgrade head\n");
    writeFileSync(join(app, "scripts/setuid.sh"), "#!/bin/sh\n");
    writeFileSync(join(app, ".pytest_cache/v/lastfailed"), "{}");
    writeFileSync(join(app, "app/__pycache__/main.cpython-312.pyc"), new Uint8Array([0, 1, 2]));
    chmodSync(join(app, "app/main.py"), 0o644);
    chmodSync(join(app, "scripts/migrate.sh"), 0o755);
    chmodSync(join(app, "scripts/setuid.sh"), 0o4755);
    assert.deepEqual(summary(await readAppUpload(app)), ["app/main.py 644", "scripts/migrate.sh 755", "scripts/setuid.sh 755"]);
  });

  it("reads a zip with the Unix modes it records, and without modes when it records none", async () => {
    const zip = new JSZip();
    zip.file("shop/main.py", "from fastapi import FastAPI\napp = FastAPI()\n", { unixPermissions: 0o100644 });
    zip.file("shop/run.sh", "#!/bin/sh\n", { unixPermissions: 0o100755 });
    const withModes = join(work, "with-modes.zip");
    writeFileSync(withModes, await zip.generateAsync({ type: "uint8array", platform: "UNIX" }));
    assert.deepEqual(summary(await readAppUpload(withModes)), ["main.py 644", "run.sh 755"]);
    const plain = new JSZip();
    plain.file("shop/main.py", "from fastapi import FastAPI\napp = FastAPI()\n");
    const withoutModes = join(work, "without-modes.zip");
    writeFileSync(withoutModes, await plain.generateAsync({ type: "uint8array" }));
    assert.deepEqual(summary(await readAppUpload(withoutModes)), ["main.py -"]);
  });
});
