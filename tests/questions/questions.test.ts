import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  API_SERVER_TARGETS,
  AUTH_SERVER_TARGETS,
  DATABASE_HOSTS,
  DEFAULT_CONFIG,
  EMAIL_TRANSPORTS,
  FRAMEWORKS,
  OAUTH_PROVIDERS,
  ORMS,
  RATE_LIMIT_STORAGES,
  SAME_SITE_POLICIES,
  VALIDATION_METHODS,
  type Config,
} from "../../lib/config/schema";
import { getIn } from "../../lib/config/paths";
import {
  API_SERVER_TARGET_TEXT,
  AUTH_SERVER_TARGET_TEXT,
  DATABASE_HOST_TEXT,
  EMAIL_TRANSPORT_TEXT,
  formatDuration,
  FRAMEWORK_TEXT,
  OAUTH_PROVIDER_TEXT,
  ORM_TEXT,
  RATE_LIMIT_STORAGE_TEXT,
  SAME_SITE_TEXT,
  VALIDATION_METHOD_TEXT,
} from "../../lib/questions";
import { blockedReason } from "../../lib/questions/availability";
import { CONFIG_PATHS, FIELDS, formatValue } from "../../lib/questions/fields";

const withChanges = (apply: (c: Config) => void): Config => {
  const config = structuredClone(DEFAULT_CONFIG);
  apply(config);
  return config;
};

describe("wizard texts", () => {
  it("label every value of every enum, with a trade-off, and nothing else", () => {
    const pairs: [readonly string[], Record<string, { label: string; tradeoff: string }>][] = [
      [DATABASE_HOSTS, DATABASE_HOST_TEXT],
      [OAUTH_PROVIDERS, OAUTH_PROVIDER_TEXT],
      [VALIDATION_METHODS, VALIDATION_METHOD_TEXT],
      [AUTH_SERVER_TARGETS, AUTH_SERVER_TARGET_TEXT],
      [API_SERVER_TARGETS, API_SERVER_TARGET_TEXT],
      [SAME_SITE_POLICIES, SAME_SITE_TEXT],
      [RATE_LIMIT_STORAGES, RATE_LIMIT_STORAGE_TEXT],
      [FRAMEWORKS, FRAMEWORK_TEXT],
      [ORMS, ORM_TEXT],
      [EMAIL_TRANSPORTS, EMAIL_TRANSPORT_TEXT],
    ];
    for (const [values, texts] of pairs) {
      assert.deepEqual(Object.keys(texts).sort(), [...values].sort());
      for (const value of values) assert.ok(texts[value].label && texts[value].tradeoff.length > 20, value);
    }
  });

  it("name every setting, and say each default in words", () => {
    for (const path of CONFIG_PATHS) {
      assert.ok(FIELDS[path].label.length > 3, path);
      const words = formatValue(path, getIn(DEFAULT_CONFIG, path));
      assert.doesNotMatch(words, /undefined|\[object/, `${path}: ${words}`);
    }
    assert.equal(formatValue("session.expiresIn", DEFAULT_CONFIG.session.expiresIn), "7 days");
    assert.equal(formatValue("database.host", "local"), "Local (Docker Compose)");
    assert.equal(formatDuration(36 * 3600), "36 hours");
    assert.equal(formatDuration(90), "90 seconds");
  });
});

describe("blockedReason: options disabled by the schema's own rules", () => {
  it("keeps the console transport while magic links or verification need mail", () => {
    const magic = withChanges((c) => (c.auth.magicLink.enabled = true));
    assert.match(
      blockedReason(magic, (d) => (d.email.transport = "console"))!,
      /takes the SMTP transport/,
    );
    assert.equal(
      blockedReason(DEFAULT_CONFIG, (d) => (d.email.transport = "console")),
      undefined,
    );
  });

  it("keeps magic links and required verification while mail goes to the console", () => {
    const consoleOnly = withChanges((c) => (c.email.transport = "console"));
    assert.match(
      blockedReason(consoleOnly, (d) => (d.auth.magicLink.enabled = true))!,
      /send mail/,
    );
    assert.match(
      blockedReason(consoleOnly, (d) => (d.auth.emailPassword.requireEmailVerification = true))!,
      /send mail/,
    );
  });

  it("does not offer memory rate-limit storage on Vercel, and offers it elsewhere", () => {
    assert.match(
      blockedReason(DEFAULT_CONFIG, (d) => (d.rateLimit.storage = "memory"))!,
      /Vercel/,
    );
    const railway = withChanges((c) => (c.deployment.authServer = "railway"));
    assert.equal(
      blockedReason(railway, (d) => (d.rateLimit.storage = "memory")),
      undefined,
    );
  });

  it("keeps the last sign-in method", () => {
    assert.match(
      blockedReason(DEFAULT_CONFIG, (d) => (d.auth.emailPassword.enabled = false))!,
      /at least one sign-in method/,
    );
    const github = withChanges((c) => (c.auth.oauth.providers = ["github"]));
    assert.equal(
      blockedReason(github, (d) => (d.auth.emailPassword.enabled = false)),
      undefined,
    );
  });

  it("blames only new problems, not ones the form already has", () => {
    const broken = withChanges((c) => {
      c.auth.magicLink.enabled = true;
      c.email.transport = "console";
    });
    assert.equal(
      blockedReason(broken, (d) => (d.database.host = "supabase")),
      undefined,
    );
  });
});

describe("blockedReason: words that hold whichever side of the rule the form is on", () => {
  it("keeps email and password for required verification without telling to enable what is on", () => {
    const verified = withChanges((c) => {
      c.auth.emailPassword.requireEmailVerification = true;
      c.auth.oauth.providers = ["github"];
    });
    const reason = blockedReason(verified, (d) => (d.auth.emailPassword.enabled = false))!;
    assert.match(reason, /Required email verification works on email and password sign-up/);
    assert.doesNotMatch(reason, /enable|turn .* off|choose/i);
  });

  it("gives the same statement for the option on the other side of the rule", () => {
    const githubOnly = withChanges((c) => {
      c.auth.emailPassword.enabled = false;
      c.auth.oauth.providers = ["github"];
    });
    const other = blockedReason(githubOnly, (d) => (d.auth.emailPassword.requireEmailVerification = true));
    const verified = withChanges((c) => {
      c.auth.emailPassword.requireEmailVerification = true;
      c.auth.oauth.providers = ["github"];
    });
    assert.equal(
      other,
      blockedReason(verified, (d) => (d.auth.emailPassword.enabled = false)),
    );
  });

  it("states the last-method rule as a rule, not an order", () => {
    assert.equal(
      blockedReason(DEFAULT_CONFIG, (d) => (d.auth.emailPassword.enabled = false)),
      "A project needs at least one sign-in method.",
    );
  });
});
