/**
 * Decisions for the project root: the docs, the ADRs, the CI workflow and the
 * Docker Compose layer. Every string here is Sidecar's own wording chosen from
 * enum values; user-typed text reaches templates only through `text.*`.
 */
import {
  API_SERVER_TARGET_SPECS,
  AUTH_SERVER_TARGET_SPECS,
  DATABASE_HOST_SPECS,
  DOCS_LAYOUT_SPECS,
  FRAMEWORK_SPECS,
  OAUTH_PROVIDER_SPECS,
  oneHot,
  ORM_SPECS,
  RATE_LIMIT_STORAGE_SPECS,
  type OAuthProvider,
} from "../../config/option-specs";
import { DATABASE_HOSTS, OAUTH_PROVIDERS } from "../../config/options";
import { formatDuration } from "../../config/duration";
import type { ResolvedConfig } from "../../config/resolve";

/**
 * Stable anchors of TROUBLESHOOTING.md (GitHub heading slugs). Diagnostics and
 * the troubleshooter link to `TROUBLESHOOTING.md#<anchor>`; a test checks that
 * every one of them is a heading of the generated file.
 */
export const TROUBLESHOOTING_ANCHORS = {
  esm: "esm-module-errors",
  routeOrdering: "auth-routes-return-404",
  schemaSync: "database-schema-mismatch",
  cookies: "cross-site-cookies-and-origins",
  vercel: "vercel-returns-404",
  email: "verification-and-magic-link-emails",
  pooler: "connection-poolers-and-prepared-statements",
  backend401: "backend-returns-401",
  oauth: "oauth-redirect_uri_mismatch",
  secrets: "secrets-and-startup-errors",
  rateLimit: "too-many-requests-429",
} as const;

/**
 * What a first local run puts in a variable: `value` (Sidecar's own wording or
 * a constant, safe in Markdown and in sh), or none when `.env.example`
 * already holds the right local value. `placeholder`: a stand-in that lets the
 * service start, which scripts/setup-dev.sh writes too.
 */
type LocalValue = { value?: string; note: string; placeholder?: true };

type EnvVar = { name: string; required: string; purpose: string; local?: LocalValue };

const env = (name: string, required: string, purpose: string): EnvVar => ({ name, required, purpose });
/** A variable the service refuses to start without, with what to give it locally. */
const requiredEnv = (name: string, purpose: string, local: LocalValue): EnvVar => ({ name, required: "yes", purpose, local });

/** A stand-in OAuth credential: the server starts and migrates with it; the provider's sign-in needs the real one. */
const OAUTH_PLACEHOLDER = "local-placeholder";

/** The database `.env.example` names: a PostgreSQL on this machine, which every provider's project can use first. */
function localDatabaseUrl(c: ResolvedConfig): string {
  return `postgresql://postgres:postgres@localhost:5432/${localDatabaseName(c)}`;
}

/** The project name with `_` for `-`: one local database name for both services' .env.example and Compose. */
export function localDatabaseName(c: ResolvedConfig): string {
  return c.projectName.replace(/-/g, "_");
}

function localDatabase(c: ResolvedConfig): LocalValue {
  const later = c.database.host === "local" ? "" : `; your ${DATABASE_HOST_SPECS[c.database.host].docsName} URL once the project works locally`;
  return { note: `as in \`.env.example\`: the local PostgreSQL of [Try it locally first](#try-it-locally-first)${later}` };
}

const LOCAL_SECRET: LocalValue = { value: "<the secret from openssl rand -base64 32>", note: "generated once; scripts/setup-dev.sh writes a fresh one" };

function oauthClientEnv(provider: OAuthProvider, issuedBy: string): EnvVar[] {
  const prefix = provider.toUpperCase();
  const { docsName } = OAUTH_PROVIDER_SPECS[provider];
  const local: LocalValue = {
    value: OAUTH_PLACEHOLDER,
    note: `any value lets the server start and migrate; signing in with ${docsName} needs a real client ([SETUP.md](SETUP.md#oauth-apps))`,
    placeholder: true,
  };
  return [
    requiredEnv(`${prefix}_CLIENT_ID`, `OAuth client id from ${issuedBy}.`, local),
    requiredEnv(`${prefix}_CLIENT_SECRET`, "The matching client secret.", local),
  ];
}

/** Where each provider's OAuth client is registered. */
const OAUTH_CLIENT_ISSUERS: Record<OAuthProvider, string> = {
  google: "Google Cloud Console → APIs & Services → Credentials",
  github: "a GitHub OAuth App (Settings → Developer settings → OAuth Apps)",
};

/** Every variable auth-server/.env.example holds, in the same order. */
function authServerEnv(c: ResolvedConfig): EnvVar[] {
  const port = c.resolved.authServerPort;
  const vars = [
    env("NODE_ENV", "no", "`production` in deployments (secure cookies); `development` locally."),
    env("PORT", "no", `Port to listen on (default ${port}).`),
    env("LOG_LEVEL", "no", "`debug`, `info` (default), `warn` or `error`; logs are one JSON object per line."),
    requiredEnv("DATABASE_URL", "PostgreSQL connection URL, shared with the backend.", localDatabase(c)),
    ...(c.resolved.rateLimitStorage === "redis"
      ? [
          requiredEnv(
            "REDIS_URL",
            "`redis://[user:password@]host:6379` (or `rediss://` for TLS), shared by every instance: rate-limit counters and a copy of each session.",
            { value: "redis://localhost:6379", note: "as in `.env.example`: a local `redis-server`, or the Compose `redis` service" },
          ),
        ]
      : []),
    requiredEnv(
      "BETTER_AUTH_SECRET",
      "At least 32 characters (`openssl rand -base64 32`). Signs cookies and encrypts the JWT signing keys; the server refuses to start without it.",
      LOCAL_SECRET,
    ),
    env(
      "BETTER_AUTH_SECRETS",
      "no",
      `Versioned secrets while the secret changes, newest first (\`2:<new>,1:<old>\`${c.session.validationMethod === "database" ? ", the same value on the backend" : ""}): the first signs and encrypts, the others are still accepted. See SETUP.md, "Rotating the secret".`,
    ),
    env(
      "BETTER_AUTH_URL",
      "in production",
      `Public URL of this server (default \`http://localhost:${port}\` in development). Cookies, OAuth callbacks and email links${c.session.validationMethod === "jwt" ? ", and the JWT issuer and audience," : ""} derive from it.`,
    ),
    env("CORS_ORIGINS", "no", "Comma-separated frontend origins trusted for credentialed requests (default: the origins chosen at generation)."),
    env(
      "FRONTEND_URL",
      "no",
      "The frontend page that verification, sign-in and password-reset links open once checked, when the frontend named none (default: the first of `CORS_ORIGINS`; must be on one of them).",
    ),
    env(
      "TRUSTED_PROXIES",
      "no",
      "Proxies whose `X-Forwarded-For` entry names the client for the rate limit (addresses or CIDR ranges, comma-separated, or `none`); a client's own header is never trusted.",
    ),
  ];
  if (c.email.transport === "smtp") {
    vars.push(
      env(
        "SMTP_URL",
        c.resolved.sendsEmail ? "in production" : "no",
        "`smtp://user:password@host:587` (or `smtps://…:465`). Without it in development, links are printed to the log.",
      ),
      env("EMAIL_FROM", "no", "Sender address of the emails (default `no-reply@localhost`)."),
    );
  }
  for (const provider of OAUTH_PROVIDERS.filter((p) => c.auth.oauth.providers.includes(p))) {
    vars.push(...oauthClientEnv(provider, OAUTH_CLIENT_ISSUERS[provider]));
  }
  return vars;
}

/** Every variable backend/.env.example holds, in the same order. */
function backendEnv(c: ResolvedConfig): EnvVar[] {
  const jwt = c.session.validationMethod === "jwt";
  const vars = [
    requiredEnv("DATABASE_URL", "The same plain `postgresql://…` URL the auth server uses; the backend derives its driver's form itself.", localDatabase(c)),
    requiredEnv(
      "AUTH_SERVER_URL",
      jwt
        ? "URL of the auth server: the JWKS is fetched from `<AUTH_SERVER_URL>/api/auth/jwks`, and tokens must carry its origin as issuer and audience unless `JWT_ISSUER`/`JWT_AUDIENCE` say otherwise."
        : "Public URL of the auth server (its `BETTER_AUTH_URL`).",
      { note: "as in `.env.example`: the auth server on this machine" },
    ),
    requiredEnv("CORS_ORIGINS", "Comma-separated frontend origins allowed to call the API with credentials.", {
      note: "as in `.env.example`: the origins chosen at generation",
    }),
  ];
  if (jwt) {
    vars.push(
      env(
        "JWT_ISSUER",
        "no",
        "Issuer the JWTs must carry: the auth server's `BETTER_AUTH_URL` origin. Default: the origin of `AUTH_SERVER_URL`; set it when the backend reaches the auth server by an internal address.",
      ),
      env("JWT_AUDIENCE", "no", "Audience the JWTs must carry; same default and same reason as `JWT_ISSUER`."),
      env(
        "JWKS_REFRESH_COOLDOWN",
        "no",
        "Seconds between two key refreshes caused by unknown key ids (default 1), so made-up key ids cannot flood the auth server; a token signed by a new key waits for the next refresh instead of being refused.",
      ),
    );
  } else {
    vars.push(
      requiredEnv("BETTER_AUTH_SECRET", "The auth server's secret, byte for byte: it checks the signature of session cookies and signed tokens.", {
        value: "<the same secret as auth-server/.env>",
        note: "identical in both services; scripts/setup-dev.sh copies it",
      }),
      env(
        "BETTER_AUTH_SECRETS",
        "no",
        "While the secret changes: the auth server's `BETTER_AUTH_SECRETS`, the same value; a cookie signed by any listed secret is accepted.",
      ),
    );
  }
  return vars;
}

function signInMethods(c: ResolvedConfig): string[] {
  const methods: string[] = [];
  if (c.auth.emailPassword.enabled) {
    methods.push(
      `Email and password (${c.auth.emailPassword.minPasswordLength}–${c.auth.emailPassword.maxPasswordLength} characters${
        c.auth.emailPassword.requireEmailVerification ? ", email verification required before the first sign-in" : ""
      })`,
    );
  }
  const providers = OAUTH_PROVIDERS.filter((provider) => c.auth.oauth.providers.includes(provider));
  methods.push(...providers.map((provider) => OAUTH_PROVIDER_SPECS[provider].docsName));
  if (c.auth.magicLink.enabled) methods.push("Magic links (passwordless sign-in by email)");
  return methods;
}

function emailVerificationText(c: ResolvedConfig): string {
  if (!c.auth.emailPassword.enabled) return "not applicable (no password sign-in)";
  return c.auth.emailPassword.requireEmailVerification ? "required before the first password sign-in" : "not required";
}

/** A password the curl examples can use: inside the configured length bounds. */
function examplePassword(c: ResolvedConfig): string {
  const { minPasswordLength, maxPasswordLength } = c.auth.emailPassword;
  const phrase = "correct-horse-battery-staple";
  const length = Math.min(Math.max(phrase.length, minPasswordLength), maxPasswordLength);
  return `${phrase}-`.repeat(Math.ceil(length / phrase.length)).slice(0, length);
}

/** The files that send statement_timeout as each connection opens; none behind a transaction pooler, which drops it. */
function statementTimeoutFiles(c: ResolvedConfig): string[] {
  if (DATABASE_HOST_SPECS[c.database.host].pooled) return [];
  return [
    "auth-server/src/db/pool.ts",
    ...(c.session.validationMethod === "database" ? ["backend/src/auth/verifier.py"] : []),
    ...(c.backend.exampleResource ? ["backend/src/database.py"] : []),
  ];
}

function databaseView(c: ResolvedConfig) {
  const host = c.database.host;
  return {
    name: DATABASE_HOST_SPECS[host].docsName,
    ...oneHot(DATABASE_HOSTS, host),
    pooled: DATABASE_HOST_SPECS[host].pooled,
    statementTimeoutSetIn: statementTimeoutFiles(c)
      .map((file) => `\`${file}\``)
      .join(", "),
  };
}

function deploymentView(c: ResolvedConfig) {
  const { authServer, apiServer } = c.deployment;
  return {
    authServerName: AUTH_SERVER_TARGET_SPECS[authServer].docsName,
    apiServerName: API_SERVER_TARGET_SPECS[apiServer].docsName,
    authVercel: authServer === "vercel",
    authRailway: authServer === "railway",
    authDocker: authServer === "docker",
    apiRender: apiServer === "render",
    apiRailway: apiServer === "railway",
    apiDocker: apiServer === "docker",
  };
}

function sessionView(c: ResolvedConfig) {
  return {
    lifetime: formatDuration(c.session.expiresIn),
    updateAge: formatDuration(c.resolved.updateAge),
    cookieCache: c.session.cookieCache.enabled,
    cookieCacheAge: formatDuration(c.session.cookieCache.maxAge),
    sameSite: c.resolved.sameSite,
    sameSiteNone: c.resolved.sameSite === "none",
    crossSiteOrigins: c.resolved.crossSiteOrigins,
  };
}

function rateLimitSummary(c: ResolvedConfig): string {
  if (!c.rateLimit.enabled) return "off";
  const storage = RATE_LIMIT_STORAGE_SPECS[c.resolved.rateLimitStorage].docsPlace;
  return `${c.rateLimit.max} requests per client in ${formatDuration(c.rateLimit.window)}, stored in ${storage}`;
}

function rateLimitView(c: ResolvedConfig) {
  return {
    summary: rateLimitSummary(c),
    enabled: c.rateLimit.enabled,
    max: c.rateLimit.max,
    window: formatDuration(c.rateLimit.window),
    databaseStorage: c.resolved.rateLimitStorage === "database",
    redisStorage: c.resolved.rateLimitStorage === "redis",
    memoryStorage: c.resolved.rateLimitStorage === "memory",
    storageName: RATE_LIMIT_STORAGE_SPECS[c.resolved.rateLimitStorage].label,
    place: RATE_LIMIT_STORAGE_SPECS[c.resolved.rateLimitStorage].docsPlace,
  };
}

/**
 * Docker Compose: each service is built from its Dockerfile when Docker is its
 * deployment target, otherwise it runs from the official runtime image with its
 * source mounted, so Compose also serves projects that deploy elsewhere.
 */
function composeView(c: ResolvedConfig) {
  const localDatabase = c.database.host === "local";
  const redis = c.resolved.rateLimitStorage === "redis";
  const authServerDockerfile = c.deployment.authServer === "docker";
  const backendDockerfile = c.deployment.apiServer === "docker";
  const baseVolumes = [
    ...(localDatabase ? ["postgres-data"] : []),
    ...(authServerDockerfile ? [] : ["auth-server-node-modules"]),
    ...(backendDockerfile ? [] : ["backend-venv"]),
  ];
  return {
    baseVolumes,
    hasBaseVolumes: baseVolumes.length > 0,
    enabled: c.resolved.usesDockerCompose,
    postgres: localDatabase,
    externalDatabase: !localDatabase,
    redis,
    authServerDependsOn: localDatabase || redis,
    authServerDockerfile,
    backendDockerfile,
    /** No Dockerfile: the official Node.js image runs the mounted source. */
    authServerFromSource: !authServerDockerfile,
    /** Running from mounted source, the generated Prisma client needs a volume of its own. */
    mountedPrismaClient: !authServerDockerfile && c.stack.orm === "prisma",
    /** Host port nginx publishes: 8080 unless a service already publishes it in development. */
    proxyPort: [8080, 8088, 8090].find((p) => p !== c.resolved.authServerPort && p !== c.resolved.backendPort)!,
  };
}

type QuickStartLine = { name: string; value: string; note: string };

/** The variables a service refuses to start without, with the value a first local run gives each. */
function quickStartLines(vars: EnvVar[]): QuickStartLine[] {
  return vars.flatMap(({ name, local }) => (local ? [{ name, value: local.value ? `\`${local.value}\`` : "unchanged", note: local.note }] : []));
}

/** The stand-ins scripts/setup-dev.sh writes into a new auth-server/.env, so the server starts before real OAuth apps exist. */
function placeholders(vars: EnvVar[]): { name: string; value: string }[] {
  return vars.flatMap(({ name, local }) => (local?.placeholder && local.value ? [{ name, value: local.value }] : []));
}

/**
 * A PostgreSQL on this machine, for trying the project before (or instead of)
 * the chosen provider: Compose's when the project has Compose and a local
 * database, otherwise a plain container matching `.env.example`'s URL.
 */
function tryLocallyView(c: ResolvedConfig) {
  const name = localDatabaseName(c);
  const composePostgres = c.resolved.usesDockerCompose && c.database.host === "local";
  return {
    url: localDatabaseUrl(c),
    composePostgres,
    dockerRun: composePostgres ? "" : `docker run -d --name ${name}-postgres -e POSTGRES_PASSWORD=postgres -e POSTGRES_DB=${name} -p 5432:5432 postgres:16`,
    createdb: `createdb ${name}`,
    /** The provider's name when it is not the local database itself. */
    provider: c.database.host === "local" ? false : { name: DATABASE_HOST_SPECS[c.database.host].docsName },
  };
}

export function projectView(c: ResolvedConfig) {
  return {
    databaseHost: c.database.host,
    db: databaseView(c),
    docs: { adrDir: DOCS_LAYOUT_SPECS[c.docs.layout].adrDir, promptHistory: DOCS_LAYOUT_SPECS[c.docs.layout].promptHistory },
    deployment: deploymentView(c),
    session: sessionView(c),
    rateLimit: rateLimitView(c),
    compose: composeView(c),
    frameworkName: FRAMEWORK_SPECS[c.stack.framework].docsName,
    ormName: ORM_SPECS[c.stack.orm].docsName,
    signInMethods: signInMethods(c).join("; "),
    /** The provider the API documentation's social sign-in example names: the first chosen. */
    exampleOAuthProvider: OAUTH_PROVIDERS.find((provider) => c.auth.oauth.providers.includes(provider)) ?? "github",
    emailVerification: emailVerificationText(c),
    emailPasswordRule: `${c.auth.emailPassword.minPasswordLength} to ${c.auth.emailPassword.maxPasswordLength} characters`,
    examplePassword: examplePassword(c),
    authServerEnv: authServerEnv(c),
    backendEnv: backendEnv(c),
    quickStart: {
      authServer: quickStartLines(authServerEnv(c)),
      backend: quickStartLines(backendEnv(c)),
      authServerPlaceholders: placeholders(authServerEnv(c)),
    },
    tryLocally: tryLocallyView(c),
    oauthPlaceholder: OAUTH_PLACEHOLDER,
    anchors: TROUBLESHOOTING_ANCHORS,
    /** Railway's reference syntax, which would read as a mustache tag in a template. */
    railwayDatabaseReference: "${{Postgres.DATABASE_URL}}",
    /** Origin curl sends: the auth server's own URL, which better-auth always trusts. */
    authServerUrl: `http://localhost:${c.resolved.authServerPort}`,
    backendUrl: `http://localhost:${c.resolved.backendPort}`,
  };
}
