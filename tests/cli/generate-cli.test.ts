import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { DEFAULT_CONFIG } from "../../lib/config/schema";
import { buildProject } from "../../lib/pipeline";

const work = mkdtempSync(join(tmpdir(), "sidecar-cli-"));
after(() => rmSync(work, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/generate.ts", ...args], { encoding: "utf8" });
}

function writeJson(name: string, value: unknown) {
  const path = join(work, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
}

describe("npm run generate", () => {
  it("exits 2 and names the field path of every problem", () => {
    const config = writeJson("bad.json", { projectName: "Has Spaces", cors: { origins: ["https://ok.example.com", "https://x.example.com/path"] } });
    const run = cli("--config", config, "--out", join(work, "bad.zip"));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /projectName: Use 1-64 lowercase/);
    assert.match(run.stderr, /cors\.origins\.1: Must be an origin/);
  });

  it("writes an IPv6 origin and refuses a non-canonical one with its field path", () => {
    const ok = cli("--config", writeJson("v6.json", { cors: { origins: ["http://[::1]:5173"] } }), "--dir", join(work, "v6"));
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(readFileSync(join(work, "v6/backend/.env.example"), "utf8"), /^CORS_ORIGINS=http:\/\/\[::1\]:5173$/m);
    const bad = cli("--config", writeJson("v6-bad.json", { cors: { origins: ["http://[0:0::1]:5173"] } }), "--out", join(work, "v6.zip"));
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /cors\.origins\.0: Must be an origin .*write http:\/\/\[::1\]:5173/);
  });

  it("generates under an organization policy: its defaults fill the rest, sidecar.json records it", () => {
    const policy = join(import.meta.dirname, "../../examples/policy/sidecar.policy.json");
    const run = cli("--config", writeJson("under-policy.json", { projectName: "acme-app" }), "--policy", policy, "--dir", join(work, "acme"));
    assert.equal(run.status, 0, run.stderr);
    const record = JSON.parse(readFileSync(join(work, "acme/sidecar.json"), "utf8"));
    assert.equal(record.config.session.validationMethod, "database");
    assert.equal(record.policy.name, "Acme platform team");
    assert.match(record.policy.hash, /^sha256:[0-9a-f]{64}$/);
  });

  it("exits 2 naming the policy rule a configuration breaks, and for an invalid policy file", () => {
    const policy = join(import.meta.dirname, "../../examples/policy/sidecar.policy.json");
    const locked = cli("--config", writeJson("breaks.json", { email: { transport: "console" } }), "--policy", policy, "--out", join(work, "x.zip"));
    assert.equal(locked.status, 2);
    assert.match(
      locked.stderr,
      /email\.transport: email\.transport is fixed to "smtp": Production mail goes through the corporate relay \(Acme platform team's rule lock\.email\.transport\)/,
    );
    const bad = cli(
      "--config",
      writeJson("fine.json", {}),
      "--policy",
      writeJson("bad-policy.json", { version: 1, name: "x", allow: { "database.host": [] } }),
      "--out",
      join(work, "y.zip"),
    );
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /bad-policy\.json is not a valid Sidecar policy:\n {2}allow\.database\.host: Allow at least one value/);
  });

  it("exits 2 on unreadable JSON and on missing arguments", () => {
    const run = cli("--config", writeJson("broken.json", "{ not json"), "--out", join(work, "x.zip"));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /not valid JSON/);
    assert.equal(cli("--config", join(work, "missing.json"), "--out", join(work, "x.zip")).status, 2);
    assert.match(cli().stderr, /usage:/);
  });

  it("writes the same zip bytes for the same config", () => {
    const config = writeJson("ok.json", { projectName: "acme", session: { validationMethod: "database" } });
    const [a, b] = ["a.zip", "b.zip"].map((name) => {
      const run = cli("--config", config, "--out", join(work, name));
      assert.equal(run.status, 0, run.stderr);
      return readFileSync(join(work, name));
    });
    assert.ok(a.length > 0);
    assert.ok(a.equals(b), "zip bytes differ between runs");
  });

  it("writes the generator's files into a folder", () => {
    const out = join(work, "tree");
    const run = cli("--config", writeJson("default.json", {}), "--dir", out);
    assert.equal(run.status, 0, run.stderr);
    for (const file of buildProject(DEFAULT_CONFIG).files) {
      assert.equal(readFileSync(join(out, file.path), "utf8"), file.content, file.path);
    }
  });
});
