import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validatePolicy } from "../../lib/config/policy";
import { parseConfig } from "../../lib/config/schema";
import { policyCheck } from "../../lib/diagnostics/checks/policy";
import { buildProject } from "../../lib/pipeline";

const result = validatePolicy({
  version: 1,
  name: "Acme platform team",
  lock: { "session.validationMethod": { value: "database", reason: "Revocation must be immediate" } },
  require: { "cors.origins": { match: ["https://*.corp.example"], reason: "Company frontends only" } },
  defaults: { cors: { origins: ["https://app.corp.example"] } },
});
assert.ok(result.ok);
const check = policyCheck(result.policy);

function project(input: unknown) {
  const parsed = parseConfig(input);
  assert.ok(parsed.ok);
  return buildProject(parsed.config).files;
}

describe("doctor check: organization policy", () => {
  it("passes a project whose recorded configuration follows the policy", () => {
    const files = project({ session: { validationMethod: "database" }, cors: { origins: ["https://app.corp.example"] } });
    assert.deepEqual(check.check(files), []);
  });

  it("names each rule the recorded configuration breaks, at sidecar.json", () => {
    const files = project({ cors: { origins: ["https://app.corp.example", "http://localhost:3000"] } });
    assert.deepEqual(check.check(files), [
      { file: "sidecar.json", line: 1, message: 'session.validationMethod is fixed to "database": Revocation must be immediate' },
      { file: "sidecar.json", line: 1, message: "http://localhost:3000 is not under https://*.corp.example: Company frontends only" },
    ]);
  });

  it("without a record, judges only what it found in the files", () => {
    const files = project({ session: { validationMethod: "database" }, cors: { origins: ["https://evil.example"] } }).filter((f) => f.path !== "sidecar.json");
    assert.deepEqual(check.check(files), [
      { file: "", line: 1, message: "https://evil.example is not under https://*.corp.example: Company frontends only (as found in the files)" },
    ]);
  });
});
