/**
 * The end-to-end configuration set: nine configs covering every pair of
 * framework × ORM × validation × sign-in methods × verification × auth-server
 * target × API target (a 3×3 grid of the two deployment questions with the
 * method sets laid out as a Latin square), and every value of the other
 * questions at least once. pairwise.test.ts proves the coverage. One more
 * config is a built-in preset exactly as the wizard starts it, so a change to
 * that preset is run end to end too.
 */
import type { NodeLine } from "./deps";
import { parseConfig, type Config, type ConfigInput } from "../../lib/config/schema";
import { frontFor } from "../../lib/pipeline/policy";

const DAY = 86_400;
const LOCALHOST = ["http://localhost:3000"];
const GITHUB_PAGES = ["https://acme.github.io"];
const CUSTOM_DOMAIN = ["https://app.acme-example.com"];
const CUSTOM_LIST = ["http://localhost:5173", "https://app.acme-example.com", "https://acme.github.io"];

const EMAIL = { emailPassword: { enabled: true } };
const EMAIL_GOOGLE_MAGIC = { emailPassword: { enabled: true }, oauth: { providers: ["google" as const] }, magicLink: { enabled: true } };
const MAGIC_GITHUB = { emailPassword: { enabled: false }, oauth: { providers: ["github" as const] }, magicLink: { enabled: true } };

const withVerification = <T extends { emailPassword: object }>(methods: T) => ({
  ...methods,
  emailPassword: { ...methods.emailPassword, requireEmailVerification: true },
});

/** A small rate limit the test can exceed quickly, large enough for the test's own requests. */
const RATE_LIMIT = { enabled: true, window: 60, max: 20 };

const E2E_CONFIGS: ConfigInput[] = [
  {
    projectName: "e2e-c1",
    database: { host: "local" },
    auth: withVerification(EMAIL),
    session: { validationMethod: "jwt" },
    deployment: { authServer: "vercel", apiServer: "render" },
    cors: { origins: LOCALHOST },
    rateLimit: RATE_LIMIT,
    stack: { framework: "express", orm: "pg" },
  },
  {
    projectName: "e2e-c2",
    database: { host: "railway" },
    auth: MAGIC_GITHUB,
    session: { validationMethod: "jwt", expiresIn: 30 * DAY },
    deployment: { authServer: "vercel", apiServer: "railway", useDocker: true },
    cors: { origins: GITHUB_PAGES, sameSite: "none" },
    rateLimit: { ...RATE_LIMIT, storage: "database" },
    stack: { framework: "express", orm: "prisma" },
  },
  {
    projectName: "e2e-c3",
    database: { host: "neon" },
    auth: withVerification(EMAIL_GOOGLE_MAGIC),
    session: { validationMethod: "database", expiresIn: DAY },
    deployment: { authServer: "vercel", apiServer: "docker" },
    cors: { origins: CUSTOM_DOMAIN },
    rateLimit: RATE_LIMIT,
    stack: { framework: "hono", orm: "pg" },
  },
  {
    projectName: "e2e-c4",
    description: `It's "quoted", back\\slashed, \${not.a.template} and {{not.mustache}}`,
    database: { host: "supabase" },
    auth: {
      ...EMAIL_GOOGLE_MAGIC,
      emailPassword: { enabled: true, minPasswordLength: 12, maxPasswordLength: 64 },
    },
    session: { validationMethod: "database", expiresIn: 2 * DAY },
    deployment: { authServer: "railway", apiServer: "render" },
    cors: { origins: CUSTOM_LIST },
    rateLimit: { ...RATE_LIMIT, storage: "memory" },
    stack: { framework: "express", orm: "prisma" },
  },
  {
    projectName: "e2e-c5",
    database: { host: "railway" },
    auth: withVerification(EMAIL),
    session: { validationMethod: "database", updateAge: 3600 },
    deployment: { authServer: "railway", apiServer: "railway" },
    cors: { origins: LOCALHOST, sameSite: "strict" },
    rateLimit: { ...RATE_LIMIT, storage: "database" },
    stack: { framework: "hono", orm: "prisma" },
  },
  {
    projectName: "e2e-c6",
    database: { host: "neon" },
    auth: MAGIC_GITHUB,
    session: { validationMethod: "jwt", expiresIn: 30 * DAY },
    deployment: { authServer: "railway", apiServer: "docker" },
    cors: { origins: CUSTOM_DOMAIN },
    rateLimit: { ...RATE_LIMIT, enabled: false },
    stack: { framework: "express", orm: "pg" },
    backend: { exampleResource: false },
  },
  {
    projectName: "e2e-c7",
    database: { host: "supabase" },
    auth: MAGIC_GITHUB,
    session: { validationMethod: "database", expiresIn: DAY, cookieCache: { enabled: false } },
    deployment: { authServer: "docker", apiServer: "render" },
    cors: { origins: GITHUB_PAGES },
    rateLimit: RATE_LIMIT,
    stack: { framework: "hono", orm: "pg" },
  },
  {
    projectName: "e2e-c8",
    database: { host: "local" },
    auth: withVerification(EMAIL_GOOGLE_MAGIC),
    session: { validationMethod: "jwt", expiresIn: 12 * 3600 },
    deployment: { authServer: "docker", apiServer: "railway" },
    cors: { origins: CUSTOM_LIST, sameSite: "lax" },
    rateLimit: { ...RATE_LIMIT, storage: "redis" },
    stack: { framework: "hono", orm: "pg" },
  },
  {
    projectName: "e2e-c9",
    database: { host: "local" },
    auth: EMAIL,
    session: { validationMethod: "database" },
    deployment: { authServer: "docker", apiServer: "docker" },
    cors: { origins: LOCALHOST },
    rateLimit: { ...RATE_LIMIT, storage: "redis" },
    stack: { framework: "express", orm: "prisma" },
    email: { transport: "console" },
  },
];

/**
 * The Node.js line each config's auth server runs on: the active LTS, and
 * the oldest line `engines` admits for one config per framework.
 */
const ON_NODE_22 = new Set(["e2e-c5", "e2e-c9"]);
export function nodeLineOf(c: Config): NodeLine {
  return ON_NODE_22.has(c.projectName) ? "22" : "24";
}

/** The built-in preset the set runs: PostgreSQL and both services in Docker Compose, all else the defaults. */
export const PRESET_UNDER_TEST = "local-docker";

/**
 * The preset's configuration as `?preset=` starts it, renamed so its folder
 * and logs say what it is, with the set's rate limit: every request of the
 * run comes from one address, where the default 10 per minute and path would
 * be spent by the checks before the browser's (real users each have their own).
 */
export function presetConfig(): Config {
  const start = frontFor().link.presets?.get(PRESET_UNDER_TEST);
  if (!start) throw new Error(`there is no built-in preset ${PRESET_UNDER_TEST}`);
  return { ...start, projectName: `e2e-${PRESET_UNDER_TEST}`, rateLimit: { ...start.rateLimit, ...RATE_LIMIT } };
}

/** The set: the pairwise configs, then the preset. */
export function e2eConfigs(): Config[] {
  return [...pairwiseConfigs(), presetConfig()];
}

/** The pairwise configs, validated by the same schema as every other entry point. */
export function pairwiseConfigs(): Config[] {
  return E2E_CONFIGS.map((input) => {
    const parsed = parseConfig(input);
    if (!parsed.ok) {
      throw new Error(`${String(input.projectName)} is invalid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
    }
    return parsed.config;
  });
}

/** A one-line description of a config for logs and the summary table. */
export function describeConfig(c: Config): string {
  return [
    c.stack.framework,
    c.stack.orm,
    c.session.validationMethod,
    [c.auth.emailPassword.enabled && "email", ...c.auth.oauth.providers, c.auth.magicLink.enabled && "magic"].filter(Boolean).join("+"),
    c.auth.emailPassword.requireEmailVerification ? "verify" : "no-verify",
    `${c.deployment.authServer}/${c.deployment.apiServer}`,
    c.database.host,
    `node ${nodeLineOf(c)}`,
  ].join(" ");
}
