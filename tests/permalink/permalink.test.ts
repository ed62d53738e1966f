import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { DEFAULT_CONFIG, MAX_ORIGIN_LENGTH, MAX_ORIGINS, parseConfig, type Config } from "../../lib/config/schema";
import { buildProject } from "../../lib/pipeline";
import { decodePermalink, encodePermalink, nonDefaultSettings, PERMALINK_FIELDS } from "../../lib/permalink";
import { validConfigs } from "../support/configs";

/** The link must fit in 2,000 characters with room for the site's address and `/?`. */
const QUERY_BUDGET = 1_900;

const validConfig = validConfigs();

/** The longest link a valid configuration can have: every field off its default, every text at its limit. */
function longestConfig(): Config {
  const host = (i: number) => `${i}${"a".repeat(MAX_ORIGIN_LENGTH - "https://".length - ".io:65535".length - 1)}.io:65535`;
  const parsed = parseConfig({
    projectName: `p${"a-".repeat(31)}z`,
    description: "漢".repeat(280),
    database: { host: "supabase" },
    auth: {
      emailPassword: { enabled: false, requireEmailVerification: false, minPasswordLength: 128, maxPasswordLength: 1024 },
      oauth: { providers: ["google", "github"] },
      magicLink: { enabled: true },
    },
    session: { validationMethod: "database", expiresIn: 364 * 86_400 + 3599, updateAge: 363 * 86_400 + 3599, cookieCache: { enabled: false, maxAge: 3599 } },
    deployment: { authServer: "railway", apiServer: "railway", useDocker: true },
    cors: { origins: Array.from({ length: MAX_ORIGINS }, (_, i) => `https://${host(i)}`), sameSite: "none" },
    rateLimit: { enabled: false, window: 86_399, max: 99_999, storage: "database" },
    stack: { framework: "express", orm: "prisma" },
    ports: { authServer: 65_534, backend: 65_535 },
  });
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.config;
}

function leafPaths(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
}

describe("permalink", () => {
  it("is just the version for the default configuration", () => {
    assert.equal(encodePermalink(DEFAULT_CONFIG), "v=2");
  });

  it("has a short key for every setting of the schema", () => {
    const keyed = new Set<string>(PERMALINK_FIELDS.map((f) => f.path));
    const leaves = leafPaths(longestConfig()).filter((p) => p !== "version");
    assert.deepEqual(
      leaves.filter((p) => !keyed.has(p)),
      [],
    );
    assert.equal(new Set(PERMALINK_FIELDS.map((f) => f.key)).size, PERMALINK_FIELDS.length, "keys are unique");
  });

  it("round-trips every valid configuration, within the length budget", () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        const query = encodePermalink(config);
        const decoded = decodePermalink(query);
        assert.deepEqual(decoded.notices, []);
        assert.deepEqual(decoded.config, config);
        assert.ok(query.length <= QUERY_BUDGET, `${query.length} characters`);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the longest possible configuration under the budget and round-trips it", () => {
    const config = longestConfig();
    const query = encodePermalink(config);
    assert.ok(query.length > 1_500, `the longest case should be long; it is ${query.length}`);
    assert.ok(query.length <= QUERY_BUDGET, `${query.length} characters`);
    assert.deepEqual(decodePermalink(query).config, config);
  });

  it("writes plain descriptions readably and packs other scripts", () => {
    assert.match(encodePermalink({ ...DEFAULT_CONFIG, description: "Team API: auth/users" }), /d=Team%20API:%20auth\/users/);
    // Encoded as a browser's address bar encodes it, so the address and sidecar.json agree.
    assert.match(encodePermalink({ ...DEFAULT_CONFIG, description: "Acme's" }), /d=Acme%27s/);
    assert.match(encodePermalink({ ...DEFAULT_CONFIG, description: "漢字のテスト" }), /d=~/);
    assert.equal(decodePermalink(encodePermalink({ ...DEFAULT_CONFIG, description: "~tilde" })).config.description, "~tilde");
  });

  it("reads a list whose query was re-encoded as a form (`,` as %2C), as a server hands it to a route", () => {
    const query = new URLSearchParams(new URLSearchParams("v=1&o=https://a.example.com,http://[::1]:5173")).toString();
    assert.match(query, /%2C/);
    const decoded = decodePermalink(query);
    assert.deepEqual(decoded.notices, []);
    assert.deepEqual(decoded.config.cors.origins, ["https://a.example.com", "http://[::1]:5173"]);
  });

  it("reports an invalid value with the value used instead", () => {
    const decoded = decodePermalink("v=1&se=90%20days&db=supabase");
    assert.equal(decoded.config.session.expiresIn, DEFAULT_CONFIG.session.expiresIn);
    assert.equal(decoded.config.database.host, "supabase");
    assert.equal(decoded.notices.length, 1);
    assert.match(decoded.notices[0].message, /^'90 days' is not a valid session lifetime .*; 7 days was used\.$/);
    assert.equal(decoded.notices[0].field, "session.expiresIn");
  });

  it("says so for an unknown version and loads nothing", () => {
    const decoded = decodePermalink("v=7&db=supabase");
    assert.deepEqual(decoded.config, DEFAULT_CONFIG);
    assert.match(decoded.notices[0].message, /version '7'.*does not know/);
  });

  it("drops a value that breaks a rule between fields, naming the rule", () => {
    const decoded = decodePermalink("v=1&ml=1&em=console");
    assert.equal(decoded.config.auth.magicLink.enabled, true);
    assert.equal(decoded.config.email.transport, "smtp");
    assert.match(decoded.notices[0].message, /email transport .*SMTP.*; SMTP was used/);
  });

  it("ignores unknown and repeated settings, and a query that is no link", () => {
    const decoded = decodePermalink("v=1&zz=1&db=railway&db=local");
    assert.equal(decoded.config.database.host, "railway");
    assert.equal(decoded.notices.length, 2);
    assert.equal(decodePermalink("utm_source=mail").present, false);
    assert.equal(decodePermalink("").present, false);
  });

  it("survives hostile input: never throws, always yields a valid configuration, quotes values as plain short text", () => {
    const hostile = [
      "v=1&n=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
      "v=1&d=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E".repeat(5000),
      "v=1&o=javascript:alert(1)",
      "v=1&se=1e999&pn=-5&ep=yes&oa=google,google,facebook",
      "v=1&d=~!!!&n=%E0%A4%A",
      "v=1&__proto__[polluted]=1&constructor=1",
      "v=%3Cscript%3E",
      "v=1&" + "x=1&".repeat(10_000),
      "v=1&ml=1&em=console&ev=1&ep=0&pb=3000&pa=3000",
    ];
    for (const query of hostile) {
      const decoded = decodePermalink(query);
      assert.ok(parseConfig(decoded.config).ok, query.slice(0, 80));
      assert.ok(decoded.notices.length > 0, `no notice for ${query.slice(0, 80)}`);
      for (const notice of decoded.notices) assert.ok(notice.message.length < 400, notice.message.slice(0, 100));
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (query) => {
        const decoded = decodePermalink(`v=1&${query}`);
        assert.ok(parseConfig(decoded.config).ok);
      }),
      { numRuns: 500 },
    );
  });

  it("is recorded in sidecar.json, and reproduces the project's config", () => {
    const config = longestConfig();
    const record = JSON.parse(buildProject(config).files.find((f) => f.path === "sidecar.json")!.content);
    assert.equal(record.permalink, encodePermalink(config));
    assert.deepEqual(decodePermalink(record.permalink).config, config);
  });

  it("lists only the non-default settings, which parse back to the same config", () => {
    assert.deepEqual(nonDefaultSettings(DEFAULT_CONFIG), {});
    const config = longestConfig();
    const parsed = parseConfig(nonDefaultSettings(config));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.config, config);
  });
});

describe("what a link drops is reported, grouped", () => {
  it("reads every part: 64 junk parts before the real keys do not hide them", () => {
    const decoded = decodePermalink(`${"a=1&".repeat(64)}v=1&db=supabase`);
    assert.equal(decoded.config.database.host, "supabase");
    assert.deepEqual(
      decoded.notices.map((n) => n.message),
      ["One unknown setting of the link was ignored: 'a' (64 times)."],
    );
  });

  it("groups 3,000 unknown keys into one line, and repeated known keys by key", () => {
    const unknown = Array.from({ length: 3000 }, (_, i) => `k${i}=1`).join("&");
    const decoded = decodePermalink(`v=1&${unknown}&db=neon&db=supabase&db=local&%E0%A4%A=1&%zz=2`);
    assert.equal(decoded.config.database.host, "neon");
    assert.deepEqual(
      decoded.notices.map((n) => n.message),
      [
        "2 parts of the link could not be read and were ignored.",
        "The setting 'db' appears 3 times; the first value was used.",
        "3,000 unknown settings of the link were ignored: 'k0', 'k1', 'k2', 'k3', 'k4' and 2,995 more.",
      ],
    );
  });
});
