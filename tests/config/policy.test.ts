import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { configLeafPaths } from "../../lib/config/leaves";
import { matchesOriginPattern, originPatternProblem } from "../../lib/config/origin-pattern";
import { MAX_POLICY_BYTES, parsePolicy, policyHash, policyViolations, startingConfig, validatePolicy, type Policy } from "../../lib/config/policy";
import { DEFAULT_CONFIG, parseConfig, type Config } from "../../lib/config/schema";
import { blockedReason } from "../../lib/questions/availability";

const EXAMPLE = readFileSync(join(import.meta.dirname, "../../examples/policy/sidecar.policy.json"), "utf8");

function accepted(raw: unknown): Policy {
  const result = validatePolicy(raw);
  assert.ok(result.ok, `expected the policy to be accepted; got ${JSON.stringify(result.ok ? [] : result.problems)}`);
  return result.policy;
}

function problemsOf(raw: unknown) {
  const result = validatePolicy(raw);
  assert.equal(result.ok, false, "expected the policy to be refused");
  return result.ok ? [] : result.problems;
}

function config(input: unknown): Config {
  const result = parseConfig(input);
  assert.ok(result.ok);
  return result.config;
}

const minimal = { version: 1, name: "Platform" };

describe("policy: the example file", () => {
  it("is valid, and its starting configuration follows it", () => {
    const result = parsePolicy(EXAMPLE);
    assert.ok(result.ok, JSON.stringify(result.ok ? [] : result.problems));
    const start = startingConfig(result.policy);
    assert.ok(start.ok);
    assert.equal(start.config.session.validationMethod, "database");
    assert.equal(start.config.email.transport, "smtp");
    assert.deepEqual(policyViolations(result.policy, start.config), []);
  });

  it("has a hash of its canonical JSON that ignores key order and whitespace", async () => {
    const result = parsePolicy(EXAMPLE);
    assert.ok(result.ok);
    const reordered = parsePolicy(JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(EXAMPLE) as object).reverse())));
    assert.ok(reordered.ok);
    const hash = await policyHash(result.policy);
    assert.match(hash, /^sha256:[0-9a-f]{64}$/);
    assert.equal(await policyHash(reordered.policy), hash);
    const changed = parsePolicy(EXAMPLE.replace("Acme platform team", "Acme platform"));
    assert.ok(changed.ok);
    assert.notEqual(await policyHash(changed.policy), hash);
  });
});

describe("policy: rules are checked against the configuration schema", () => {
  it("refuses a field that does not exist, naming the rule's path", () => {
    const problems = problemsOf({ ...minimal, allow: { "database.hots": ["neon"] } });
    assert.deepEqual(problems, [{ path: "allow.database.hots", message: 'No configuration field is called "database.hots"' }]);
  });

  it("refuses to allow a value the schema does not have (a policy cannot widen)", () => {
    const problems = problemsOf({ ...minimal, allow: { "database.host": ["neon", "mysql"] } });
    assert.deepEqual(problems, [{ path: "allow.database.host", message: '"mysql" is not an option of database.host (neon, supabase, railway, local)' }]);
  });

  it("refuses min or max beyond the schema's own bounds", () => {
    const problems = problemsOf({
      ...minimal,
      require: { "auth.emailPassword.minPasswordLength": { min: 4, reason: "short is fine" } },
    });
    assert.deepEqual(problems, [
      { path: "require.auth.emailPassword.minPasswordLength.min", message: "The schema already requires at least 6: a policy can only narrow" },
    ]);
  });

  it("refuses a locked value the field cannot hold", () => {
    const problems = problemsOf({ ...minimal, lock: { "session.expiresIn": { value: "a week", reason: "r" } } });
    assert.deepEqual(problems, [{ path: "lock.session.expiresIn.value", message: '"a week" is not a valid value of session.expiresIn' }]);
  });

  it("refuses allow on a field without fixed options, and match on a field that is not an origin list", () => {
    const problems = problemsOf({
      ...minimal,
      allow: { "rateLimit.max": [10] },
      require: { projectName: { match: ["https://*.corp.example"], reason: "r" } },
    });
    assert.deepEqual(
      problems.map((p) => p.path),
      ["allow.rateLimit.max", "require.projectName.match"],
    );
  });

  it("refuses origin patterns whose `*` is not a whole label or the port", () => {
    for (const pattern of ["https://corp*.example", "https://*.corp.example:80*", "https://a.corp.example/*", "HTTPS://*.corp.example"]) {
      assert.ok(originPatternProblem(pattern), pattern);
    }
    for (const pattern of ["https://*.corp.example", "http://localhost:*", "https://*.*.corp.example:8443", "http://[::1]:*"]) {
      assert.equal(originPatternProblem(pattern), undefined, pattern);
    }
  });
});

describe("policy: a policy that contradicts itself is refused", () => {
  it("when the schema's default falls outside allow and no default is given", () => {
    const problems = problemsOf({ ...minimal, allow: { "database.host": ["local"] } });
    assert.deepEqual(problems, [
      { path: "defaults: database.host", message: "breaks its own rule allow: neon is not among this organization's choices (local)" },
    ]);
  });

  it("when a locked value is outside allow", () => {
    const problems = problemsOf({
      ...minimal,
      defaults: { stack: { framework: "express" } },
      allow: { "stack.framework": ["express"] },
      lock: { "stack.framework": { value: "hono", reason: "Hono everywhere" } },
    });
    assert.deepEqual(
      problems.map((p) => p.path),
      ["defaults: stack.framework"],
    );
  });

  it("when min is above max", () => {
    const problems = problemsOf({ ...minimal, require: { "session.expiresIn": { min: 90_000, max: 86_400, reason: "r" } } });
    assert.ok(problems.some((p) => p.path === "require.session.expiresIn" && /min \(90000\) is above max \(86400\)/.test(p.message)));
  });

  it("when a preset breaks the policy or the schema, naming the preset", () => {
    const problems = problemsOf({
      ...minimal,
      allow: { "database.host": ["neon", "local"] },
      presets: [
        { id: "bad-host", title: "Bad", config: { database: { host: "supabase" } } },
        { id: "bad-config", title: "Worse", config: { auth: { emailPassword: { enabled: false } } } },
      ],
    });
    assert.deepEqual(
      problems.map((p) => p.path),
      ["presets.bad-host: database.host", "presets.bad-config: auth"],
    );
  });

  it("when defaults or presets name fields that do not exist, or two presets share an id", () => {
    const problems = problemsOf({
      ...minimal,
      defaults: { database: { hots: "neon" } },
      presets: [
        { id: "a", title: "A", config: { sesion: { validationMethod: "jwt" } } },
        { id: "a", title: "A again" },
      ],
    });
    assert.deepEqual(
      problems.map((p) => p.path),
      ["defaults.database.hots", "presets.a.config.sesion.validationMethod", "presets.1.id"],
    );
  });
});

describe("policy: hostile files", () => {
  it("refuses a file over the size limit before parsing it", () => {
    const result = parsePolicy(JSON.stringify({ ...minimal, name: "x".repeat(MAX_POLICY_BYTES) }));
    assert.deepEqual(result.ok ? [] : result.problems.map((p) => p.message), ["A policy file is at most 256 kB; this one is 257 kB"]);
  });

  it("refuses nesting deeper than any policy needs before parsing it", () => {
    const depth = 40_000;
    const result = parsePolicy(`{"version":1,"name":"n","defaults":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`);
    assert.deepEqual(result.ok ? [] : result.problems, [{ path: "(root)", message: "The policy is nested deeper than 16 levels" }]);
  });

  it("counts brackets inside strings as text, not nesting", () => {
    assert.ok(parsePolicy(JSON.stringify({ ...minimal, name: "[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{" })).ok);
  });

  it("refuses prototype keys anywhere", () => {
    for (const text of [
      '{"version":1,"name":"n","__proto__":{"polluted":true}}',
      '{"version":1,"name":"n","defaults":{"constructor":{"prototype":{"polluted":true}}}}',
      '{"version":1,"name":"n","allow":{"__proto__":["neon"]}}',
    ]) {
      const result = parsePolicy(text);
      assert.equal(result.ok, false, text);
      assert.match(result.ok ? "" : result.problems[0].message, /is not allowed anywhere in a policy/);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("refuses what is not JSON, saying so", () => {
    const result = parsePolicy("{version: 1}");
    assert.match(result.ok ? "" : result.problems[0].message, /^The policy is not valid JSON/);
  });
});

describe("policy: a configuration under a policy", () => {
  const policy = accepted({
    ...minimal,
    defaults: { auth: { emailPassword: { minPasswordLength: 12 } }, cors: { origins: ["https://app.corp.example"] } },
    allow: { "auth.oauth.providers": ["github"] },
    lock: { "session.validationMethod": { value: "database", reason: "Revocation must be immediate" } },
    require: {
      "auth.emailPassword.minPasswordLength": { min: 12, reason: "Security standard" },
      "cors.origins": { match: ["https://*.corp.example"], reason: "Company frontends only" },
    },
  });

  it("starts from the defaults with the locked values set", () => {
    const start = startingConfig(policy, { session: { validationMethod: "jwt" } });
    assert.ok(start.ok);
    assert.equal(start.config.session.validationMethod, "database");
    assert.equal(start.config.auth.emailPassword.minPasswordLength, 12);
  });

  it("names every rule a configuration breaks, with the policy's reason", () => {
    const broken = config({
      auth: { oauth: { providers: ["google", "github"] } },
      session: { validationMethod: "jwt" },
      cors: { origins: ["https://app.corp.example", "https://evil.example"] },
    });
    assert.deepEqual(policyViolations(policy, broken), [
      { path: "auth.oauth.providers", rule: "allow", message: "google is not among this organization's choices (github)" },
      { path: "session.validationMethod", rule: "lock", message: 'session.validationMethod is fixed to "database": Revocation must be immediate' },
      {
        path: "auth.emailPassword.minPasswordLength",
        rule: "require.min",
        message: "auth.emailPassword.minPasswordLength must be at least 12: Security standard",
      },
      { path: "cors.origins.1", rule: "require.match", message: "https://evil.example is not under https://*.corp.example: Company frontends only" },
    ]);
  });

  it("has no violation for the schema's defaults under an empty policy", () => {
    assert.deepEqual(policyViolations(accepted(minimal), DEFAULT_CONFIG), []);
  });
});

describe("policy: origin patterns", () => {
  const cases: [string, string, boolean][] = [
    ["https://app.corp.example", "https://*.corp.example", true],
    ["https://corp.example", "https://*.corp.example", false],
    ["https://a.b.corp.example", "https://*.corp.example", false],
    ["http://app.corp.example", "https://*.corp.example", false],
    ["https://app.corp.example:8443", "https://*.corp.example", false],
    ["https://app.corp.example.evil.example", "https://*.corp.example", false],
    ["http://localhost:5173", "http://localhost:*", true],
    ["http://localhost", "http://localhost:*", false],
    ["http://[::1]:5173", "http://[::1]:*", true],
    ["http://[::1]:5173", "http://*:*", false],
  ];
  for (const [origin, pattern, expected] of cases) {
    it(`${origin} ${expected ? "matches" : "does not match"} ${pattern}`, () => {
      assert.equal(matchesOriginPattern(origin, pattern), expected);
    });
  }
});

describe("policy: the fields a policy can name", () => {
  it("are the configuration's leaves, read off the schema", () => {
    const paths = configLeafPaths();
    for (const path of ["database.host", "auth.oauth.providers", "session.expiresIn", "cors.origins", "email.transport"]) {
      assert.ok(paths.includes(path), path);
    }
    assert.ok(!paths.includes("auth"), "objects are not leaves");
  });
});

describe("policy: options the wizard shows as unavailable", () => {
  const policy = accepted({
    ...minimal,
    allow: { "database.host": ["neon", "local"] },
    lock: { "session.validationMethod": { value: "jwt", reason: "Stateless services only" } },
  });

  it("gives the policy's reason for an option outside allow or against a lock", () => {
    assert.equal(
      blockedReason(DEFAULT_CONFIG, (d) => (d.database.host = "supabase"), policy),
      "supabase is not among this organization's choices (neon, local)",
    );
    assert.equal(
      blockedReason(DEFAULT_CONFIG, (d) => (d.session.validationMethod = "database"), policy),
      'session.validationMethod is fixed to "jwt": Stateless services only',
    );
  });

  it("leaves allowed options available, and the schema's own rules first", () => {
    assert.equal(
      blockedReason(DEFAULT_CONFIG, (d) => (d.database.host = "local"), policy),
      undefined,
    );
    assert.match(
      blockedReason(DEFAULT_CONFIG, (d) => (d.auth.emailPassword.enabled = false), policy)!,
      /at least one sign-in method/,
    );
  });
});
