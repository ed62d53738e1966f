/**
 * The generated frontend/: the client plugins, the api helper's way of
 * sending credentials and the demo's controls follow the chosen methods and
 * validation mode. Running them in a browser is e2e/generated's job.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseConfig, type ConfigInput } from "../../lib/config/schema";
import { generateProject } from "../../lib/generate";

function generate(input: ConfigInput) {
  const parsed = parseConfig(input);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
  const files = new Map(generateProject(parsed.config).map((f) => [f.path, f.content]));
  return (path: string) => {
    const content = files.get(path);
    assert.ok(content !== undefined, `${path} is not generated`);
    return content;
  };
}

const JWT_MAGIC: ConfigInput = {
  session: { validationMethod: "jwt" },
  auth: { emailPassword: { enabled: true, requireEmailVerification: true }, magicLink: { enabled: true } },
};
const DATABASE_OAUTH_ONLY: ConfigInput = {
  session: { validationMethod: "database" },
  auth: { emailPassword: { enabled: false }, oauth: { providers: ["github"] } },
};

describe("frontend/", () => {
  it("JWT mode with magic links: the jwt and magic-link client plugins, JWTs from /api/auth/token", () => {
    const file = generate(JWT_MAGIC);
    assert.match(file("frontend/src/auth-client.ts"), /import \{ jwtClient, magicLinkClient \} from "better-auth\/client\/plugins";/);
    assert.match(file("frontend/src/api.ts"), /\/api\/auth\/token/);
    assert.match(file("frontend/src/api.ts"), /Bearer \$\{await jwts\.current\(\)\}/);
    const demo = file("frontend/demo/index.html");
    for (const id of ["sign-up", "sign-in", "forgot", "magic-link", "reset-submit", "me", "sign-out"]) assert.match(demo, new RegExp(`id="${id}"`), id);
    assert.doesNotMatch(demo, /id="oauth-/);
  });

  it("database mode, GitHub only: no client plugin, the cookie sent to the backend, no email controls", () => {
    const file = generate(DATABASE_OAUTH_ONLY);
    assert.doesNotMatch(file("frontend/src/auth-client.ts"), /client\/plugins/);
    const api = file("frontend/src/api.ts");
    assert.match(api, /credentials: "include"/);
    assert.doesNotMatch(api, /\/api\/auth\/token/);
    const demo = file("frontend/demo/index.html");
    assert.match(demo, /id="oauth-github"[^>]*>Continue with GitHub</);
    assert.doesNotMatch(demo, /id="email"|id="forgot"|id="magic-link"/);
    assert.doesNotMatch(file("frontend/README.md"), /Where links from emails land/);
  });

  it("the auth server resets passwords by email only when password accounts exist", () => {
    assert.match(generate(JWT_MAGIC)("auth-server/src/auth/auth.config.ts"), /sendResetPassword[\s\S]*revokeSessionsOnPasswordReset: true/);
    assert.doesNotMatch(generate(DATABASE_OAUTH_ONLY)("auth-server/src/auth/auth.config.ts"), /sendResetPassword/);
  });
});
