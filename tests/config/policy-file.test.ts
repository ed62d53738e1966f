import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { PolicyFileError, readPolicyFile } from "../../lib/server/policy";

const dir = mkdtempSync(join(tmpdir(), "sidecar-policy-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("reading a policy file", () => {
  it("gives the policy and its hash", async () => {
    const loaded = await readPolicyFile(join(import.meta.dirname, "../../examples/policy/sidecar.policy.json"));
    assert.equal(loaded.policy.name, "Acme platform team");
    assert.match(loaded.hash, /^sha256:[0-9a-f]{64}$/);
  });

  it("names the file and each problem's path", async () => {
    const path = file("bad.json", JSON.stringify({ version: 1, name: "n", allow: { "database.host": ["mysql"] } }));
    await assert.rejects(readPolicyFile(path), (error: unknown) => {
      assert.ok(error instanceof PolicyFileError);
      assert.deepEqual(error.problems, ['allow.database.host: "mysql" is not an option of database.host (neon, supabase, railway, local)']);
      assert.match(error.message, /bad\.json is not a valid Sidecar policy/);
      return true;
    });
  });

  it("says when the file cannot be read", async () => {
    await assert.rejects(readPolicyFile(join(dir, "missing.json")), /missing\.json is not a valid Sidecar policy:\n {2}cannot be read: ENOENT/);
  });
});
