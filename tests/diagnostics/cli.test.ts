/** `npm run doctor`: same engine as /doctor, exit 1 while errors remain, 2 for a refused upload. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { FIXTURES } from "./load-fixture";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "sidecar-doctor-"));
after(() => rmSync(work, { recursive: true, force: true }));

function doctor(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/doctor.ts", ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: result.status, out: result.stdout + result.stderr };
}

/** The clean fixture with two broken variants laid over it. */
function brokenFolder(name: string): string {
  const dir = join(work, name);
  cpSync(join(FIXTURES, "clean"), dir, { recursive: true });
  for (const variant of ["route-order-express", "schema-sync"]) cpSync(join(FIXTURES, "broken", variant), dir, { recursive: true });
  return dir;
}

describe("npm run doctor", () => {
  it("reports the errors of a broken folder with file:line and exits 1", () => {
    const { code, out } = doctor(brokenFolder("report"));
    assert.equal(code, 1, out);
    assert.match(out, /❌ Route Ordering: ERROR/);
    assert.match(out, /error\s+schema-sync\s+backend\/src\/profile\.py:9/);
    assert.match(out, /FastAPI app\s+uvicorn src\.main:app {2}\(from backend\/src\/main\.py\)/);
    // No sidecar.json in this folder: every value names the file it was read from.
    assert.match(out, /Database provider\s+local {2}\(from DATABASE_URL in auth-server\/\.env\)/);
    assert.match(out, /Wizard prefill\s+\/\?v=2&.*db=local/);
  });

  it("--fix --out writes a patched zip on which a second run is clean (exit 0)", () => {
    const patched = join(work, "patched.zip");
    const first = doctor(brokenFolder("fix"), "--fix", "--out", patched);
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /🔧 Route Ordering: Fixed/);
    const second = doctor(patched);
    assert.equal(second.code, 0, second.out);
    assert.match(second.out, /11 of 11 applicable checks pass \(3 others do not apply\)/);
  });

  it("--fix on a folder fixes the files in place", () => {
    const dir = brokenFolder("in-place");
    assert.equal(doctor(dir, "--fix").code, 0);
    assert.match(readFileSync(join(dir, "auth-server/src/app.ts"), "utf8"), /"\/api\/auth\/\*splat"/);
    assert.equal(doctor(dir).code, 0);
  });

  it("--policy judges the project by the organization policy's rules, from its sidecar.json", async () => {
    const { buildProject } = await import("../../lib/pipeline");
    const { DEFAULT_CONFIG } = await import("../../lib/config/schema");
    const dir = join(work, "under-policy");
    for (const file of buildProject(DEFAULT_CONFIG).files) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.content);
    }
    const policy = join(ROOT, "examples/policy/sidecar.policy.json");
    const run = doctor(dir, "--policy", policy);
    assert.equal(run.code, 1, run.out);
    assert.match(run.out, /Organization Policy \(Acme platform team\)/);
    assert.match(run.out, /vercel is not among this organization's choices \(docker\)/);
    assert.match(run.out, /auth\.emailPassword\.minPasswordLength must be at least 12/);
    assert.equal(doctor(dir).code, 0);
    assert.equal(doctor(dir, "--policy", join(work, "missing.json")).code, 2);
  });

  it("refuses a hostile archive with exit 2 and a message, and bad arguments with the usage", async () => {
    const zip = new JSZip();
    zip.file("bomb/zeros.txt", new Uint8Array(51 * 1024 * 1024));
    const bomb = join(work, "bomb.zip");
    writeFileSync(bomb, await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    const refused = doctor(bomb);
    assert.equal(refused.code, 2);
    assert.match(refused.out, /limit is 50 MB/);
    assert.match(doctor().out, /usage: npm run doctor/);
    assert.equal(doctor(bomb, "--fix").code, 2);
  });
});
