import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { policyHash, validatePolicy } from "../../lib/config/policy";
import { decodePermalink, encodePermalink } from "../../lib/permalink";
import { frontFor } from "../../lib/pipeline/policy";

const result = validatePolicy({
  version: 1,
  name: "Acme platform team",
  defaults: { session: { validationMethod: "database" }, database: { host: "local" }, auth: { emailPassword: { minPasswordLength: 12 } } },
  allow: { "database.host": ["neon", "local"] },
  lock: { "email.transport": { value: "smtp", reason: "Mail goes through the corporate relay" } },
  require: { "auth.emailPassword.minPasswordLength": { min: 12, reason: "Security standard" } },
  presets: [{ id: "internal-api", title: "Internal API", config: { stack: { framework: "express" } } }],
});
assert.ok(result.ok);
const front = frontFor({ policy: result.policy, hash: await policyHash(result.policy) });

describe("a front under an organization policy", () => {
  it("starts from the policy's defaults, with the locks and requirements met", () => {
    assert.equal(front.start.session.validationMethod, "database");
    assert.equal(front.start.database.host, "local");
    assert.equal(front.start.auth.emailPassword.minPasswordLength, 12);
  });

  it("reads a link over that start, and a link it writes reads back the same", () => {
    const config = { ...front.start, session: { ...front.start.session, validationMethod: "jwt" as const } };
    const query = encodePermalink(config, front.start);
    assert.equal(query, "v=2&sv=jwt");
    assert.deepEqual(decodePermalink(query, front.link).config, config);
  });

  it("loads what it can from a link that breaks the policy, and says what the policy refused", () => {
    const { config, notices } = decodePermalink("v=1&db=supabase&em=console&sv=jwt", front.link);
    assert.equal(config.database.host, "local");
    assert.equal(config.email.transport, "smtp");
    assert.equal(config.session.validationMethod, "jwt");
    assert.deepEqual(
      notices.map((n) => n.field),
      ["database.host", "email.transport"],
    );
    assert.match(
      notices[0].message,
      /^'supabase' for .* is refused by Acme platform team's policy \(supabase is not among this organization's choices \(neon, local\).*\); .* was used\.$/,
    );
  });

  it("starts a link from a preset the policy offers, with the link's answers over it", () => {
    const { config, notices } = decodePermalink("preset=internal-api&sv=jwt", front.link);
    assert.deepEqual(notices, []);
    assert.equal(config.stack.framework, "express");
    assert.equal(config.session.validationMethod, "jwt");
    assert.equal(config.database.host, "local");
  });

  it("ignores an unknown preset, saying so", () => {
    const { config, notices } = decodePermalink("preset=supabase-railway", front.link);
    assert.deepEqual(config, front.start);
    assert.match(notices[0].message, /preset 'supabase-railway' is not one this Sidecar offers/);
  });

  it("refuses a partial configuration that breaks a rule, naming the rule", () => {
    const refused = front.parse({ database: { host: "supabase" }, auth: { emailPassword: { minPasswordLength: 8 } } });
    assert.deepEqual(refused.ok ? [] : refused.problems, [
      { path: "database.host", message: "supabase is not among this organization's choices (neon, local) (Acme platform team's rule allow.database.host)" },
      {
        path: "auth.emailPassword.minPasswordLength",
        message:
          "auth.emailPassword.minPasswordLength must be at least 12: Security standard (Acme platform team's rule require.auth.emailPassword.minPasswordLength)",
      },
    ]);
    const accepted = front.parse({ stack: { framework: "express" } });
    assert.ok(accepted.ok && accepted.config.session.validationMethod === "database");
  });

  it("records the policy's name and hash", () => {
    assert.equal(front.record.policy?.name, "Acme platform team");
    assert.match(front.record.policy?.hash ?? "", /^sha256:/);
  });
});

describe("a front without a policy", () => {
  const plain = frontFor();
  it("offers the built-in presets as links", () => {
    const { config } = decodePermalink("preset=supabase-railway", plain.link);
    assert.equal(config.database.host, "supabase");
    assert.equal(config.deployment.authServer, "railway");
    assert.deepEqual(plain.record, {});
  });
});
