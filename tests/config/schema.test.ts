import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveConfig } from "../../lib/config/resolve";
import { DEFAULT_CONFIG, isOrigin, parseConfig } from "../../lib/config/schema";

function problemsOf(input: unknown) {
  const result = parseConfig(input);
  assert.equal(result.ok, false, "expected the config to be rejected");
  return result.ok ? [] : result.problems;
}

function assertProblemAt(input: unknown, path: string, messagePart: RegExp) {
  const problems = problemsOf(input);
  const match = problems.find((p) => p.path === path);
  assert.ok(match, `no problem at ${path}; got ${JSON.stringify(problems)}`);
  assert.match(match.message, messagePart);
}

describe("config schema", () => {
  it("fills every default from an empty object", () => {
    assert.equal(DEFAULT_CONFIG.version, 1);
    assert.equal(DEFAULT_CONFIG.database.host, "neon");
    assert.equal(DEFAULT_CONFIG.auth.emailPassword.enabled, true);
    assert.equal(DEFAULT_CONFIG.session.expiresIn, 7 * 86_400);
    assert.equal(DEFAULT_CONFIG.stack.framework, "hono");
    assert.equal(DEFAULT_CONFIG.stack.orm, "pg");
    assert.deepEqual(DEFAULT_CONFIG.cors.origins, ["http://localhost:3000"]);
    assert.equal(DEFAULT_CONFIG.rateLimit.window, 60);
    assert.equal(DEFAULT_CONFIG.rateLimit.max, 10);
  });

  it("accepts only origins of the form scheme://host[:port]", () => {
    for (const ok of ["http://localhost:3000", "https://app.example.com", "https://me.github.io", "http://127.0.0.1:8080"]) {
      assert.ok(isOrigin(ok), ok);
    }
    for (const bad of [
      "https://app.example.com/",
      "https://app.example.com/path",
      "ftp://example.com",
      "https://EXAMPLE.com",
      "https://user:pw@example.com",
      "https://example.com?x=1",
      "javascript:alert(1)",
      "example.com",
      "https://example.com:99999",
    ]) {
      assert.ok(!isOrigin(bad), bad);
    }
  });

  it("names the field of each invalid value", () => {
    assertProblemAt({ projectName: "Bad Name" }, "projectName", /lowercase/);
    assertProblemAt({ cors: { origins: ["http://x.com", "http://x.com/a"] } }, "cors.origins.1", /origin/);
    assertProblemAt({ database: { host: "mysql" } }, "database.host", /./);
    assertProblemAt({ session: { expiresIn: 1.5 } }, "session.expiresIn", /whole number/);
    assertProblemAt({ version: 2 }, "version", /version 1/);
  });

  it("refuses a key it does not know, at every level, rather than dropping a typo for the default", () => {
    assert.deepEqual(problemsOf({ projectName: "x", authServer: { port: 1 } }), [{ path: "(root)", message: 'Unrecognized key: "authServer"' }]);
    assert.deepEqual(problemsOf({ rateLimit: { stroage: "redis" } }), [{ path: "rateLimit", message: 'Unrecognized key: "stroage"' }]);
    assert.deepEqual(problemsOf({ auth: { emailPassword: { minLength: 10 } } }), [{ path: "auth.emailPassword", message: 'Unrecognized key: "minLength"' }]);
  });

  it("requires at least one sign-in method", () => {
    assertProblemAt({ auth: { emailPassword: { enabled: false } } }, "auth", /at least one sign-in method/);
    assert.ok(parseConfig({ auth: { emailPassword: { enabled: false }, oauth: { providers: ["github"] } } }).ok);
  });

  it("keeps the refresh age below the session lifetime", () => {
    assertProblemAt({ session: { expiresIn: 86_400, updateAge: 86_400 } }, "session.updateAge", /shorter than the session lifetime/);
    assert.ok(parseConfig({ session: { expiresIn: 86_400, updateAge: 3_600 } }).ok);
  });

  it("derives a refresh age that fits a one-day session", () => {
    const parsed = parseConfig({ session: { expiresIn: 86_400 } });
    assert.ok(parsed.ok);
    assert.equal(resolveConfig(parsed.config).resolved.updateAge, 43_200);
  });

  it("keeps the minimum password length at or below the maximum", () => {
    assertProblemAt(
      { auth: { emailPassword: { minPasswordLength: 20, maxPasswordLength: 12 } } },
      "auth.emailPassword.maxPasswordLength",
      /at least the minimum \(20\)/,
    );
  });

  it("needs the SMTP transport for verification and magic links", () => {
    const message = /SMTP transport/;
    assertProblemAt({ email: { transport: "console" }, auth: { magicLink: { enabled: true } } }, "email.transport", message);
    assertProblemAt({ email: { transport: "console" }, auth: { emailPassword: { requireEmailVerification: true } } }, "email.transport", message);
  });

  it("refuses memory rate-limit storage on Vercel", () => {
    assertProblemAt({ rateLimit: { storage: "memory" }, deployment: { authServer: "vercel" } }, "rateLimit.storage", /Vercel/);
    assert.ok(parseConfig({ rateLimit: { storage: "memory" }, deployment: { authServer: "railway" } }).ok);
  });

  it("refuses SameSite=Strict cookies with OAuth providers", () => {
    assertProblemAt({ auth: { oauth: { providers: ["github"] } }, cors: { sameSite: "strict" } }, "cors.sameSite", /Lax or None/);
    assert.ok(parseConfig({ cors: { sameSite: "strict" } }).ok);
  });

  it("rejects duplicate origins, duplicate providers and colliding ports", () => {
    assertProblemAt({ cors: { origins: ["http://localhost:5173", "http://localhost:5173"] } }, "cors.origins", /once/);
    assertProblemAt({ auth: { oauth: { providers: ["google", "google"] } } }, "auth.oauth.providers", /once/);
    assertProblemAt({ ports: { backend: 3001 } }, "ports.backend", /different ports/);
  });

  it("moves the auth server off port 3000 when the frontend uses it", () => {
    assert.equal(resolveConfig(DEFAULT_CONFIG).resolved.authServerPort, 3001);
    const parsed = parseConfig({ cors: { origins: ["http://localhost:5173"] } });
    assert.ok(parsed.ok);
    assert.equal(resolveConfig(parsed.config).resolved.authServerPort, 3000);
  });

  it("derives SameSite from the origins and storage from the target", () => {
    assert.equal(resolveConfig(DEFAULT_CONFIG).resolved.sameSite, "lax");
    const crossSite = parseConfig({ cors: { origins: ["https://me.github.io"] }, deployment: { authServer: "railway" } });
    assert.ok(crossSite.ok);
    assert.equal(resolveConfig(crossSite.config).resolved.sameSite, "none");
    assert.equal(resolveConfig(crossSite.config).resolved.rateLimitStorage, "memory");
    assert.equal(resolveConfig(DEFAULT_CONFIG).resolved.rateLimitStorage, "database");
  });

  it("rejects a description with broken Unicode", () => {
    assertProblemAt({ description: "half a pair \ud800" }, "description", /Unicode/);
  });
});
