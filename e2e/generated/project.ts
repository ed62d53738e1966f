/**
 * A generated project under test: where it is written, the ports and secret
 * it runs with, its two databases, and the environment each service gets.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { DATABASE_HOST_SPECS } from "../../lib/config/option-specs";
import type { Config } from "../../lib/config/schema";
import { buildProject } from "../../lib/pipeline";
import { nodeLineOf } from "./configs";
import type { NodeLine, SharedInstall } from "./deps";
import type { Cluster } from "./postgres";
import type { RedisServer } from "./redis";
import type { MailCapture } from "./smtp";

export type RunContext = {
  cluster: Cluster;
  mail: MailCapture;
  /** The Redis that configs with Redis rate-limit storage count in. */
  redis: RedisServer;
  node: SharedInstall;
  /** The bin folder of each Node.js line's binary, put first on the auth server's PATH. */
  nodeBins: Record<NodeLine, string>;
  venv: SharedInstall;
  workDir: string;
  /** URL of the harness's tsx loader, for scripts run inside a generated project. */
  tsxLoader: string;
  /** See prisma.ts: named by PRISMA_SCHEMA_ENGINE_BINARY, records any run of itself. */
  schemaEngineStandIn: string;
};

/** Query parameters the provider's pooled URL carries (Supabase shows `pgbouncer=true`, meant for Prisma). */
const POOLED_URL_PARAMETERS: Record<string, string> = { supabase: "?pgbouncer=true" };

/** DATABASE_URL as the config's provider would hand it out: through PgBouncer, with its parameters, for pooled providers. */
export function databaseUrl(ctx: RunContext, p: Project, database: string): string {
  return ctx.cluster.url(database, p.pooled) + (POOLED_URL_PARAMETERS[p.config.database.host] ?? "");
}
export const OAUTH_CLIENT_IDS = { google: "e2e-google-client.apps.googleusercontent.com", github: "e2e-github-client-id" };
/** An origin no config lists. */
export const FOREIGN_ORIGIN = "https://evil.example";
export const PASSWORD = "correct-horse-battery-staple-7";

export type Project = {
  config: Config;
  dir: string;
  authDir: string;
  backendDir: string;
  secret: string;
  authUrl: string;
  authPort: number;
  backendUrl: string;
  backendPort: number;
  /** Where the browser test serves frontend/demo: a third local origin, first of both services' CORS_ORIGINS. */
  frontendOrigin: string;
  frontendPort: number;
  databases: { a: string; b: string };
  pooled: boolean;
};

/** Writes the generated files of `config` under the work dir. */
export function writeProject(workDir: string, config: Config): string {
  const dir = join(workDir, config.projectName);
  for (const file of buildProject(config).files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    if (file.mode !== undefined) chmodSync(path, file.mode);
  }
  return dir;
}

/** The environment without the harness's own npm variables, which would steer the project's npm. */
export function baseEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("npm_"))) as NodeJS.ProcessEnv;
}

/**
 * The configured origins with the browser test's frontend first: as a
 * deployment adds its frontend's origin, and so FRONTEND_URL's default (the
 * first origin) is where links from emails land.
 */
function corsOrigins(p: Project): string {
  return [p.frontendOrigin, ...p.config.cors.origins].join(",");
}

export function authServerEnv(ctx: RunContext, p: Project, database: string): NodeJS.ProcessEnv {
  return {
    ...baseEnv(),
    // Production behaviour: rate limiting without a trusted client address, required SMTP, secure defaults.
    NODE_ENV: "production",
    // npm is a node script: it, and everything it starts, runs on this binary.
    PATH: `${ctx.nodeBins[nodeLineOf(p.config)]}:${process.env.PATH}`,
    PORT: String(p.authPort),
    DATABASE_URL: databaseUrl(ctx, p, database),
    REDIS_URL: ctx.redis.url,
    BETTER_AUTH_SECRET: p.secret,
    BETTER_AUTH_URL: p.authUrl,
    CORS_ORIGINS: corsOrigins(p),
    SMTP_URL: ctx.mail.url,
    EMAIL_FROM: "sidecar-e2e@example.com",
    GOOGLE_CLIENT_ID: OAUTH_CLIENT_IDS.google,
    GOOGLE_CLIENT_SECRET: "e2e-google-secret",
    GITHUB_CLIENT_ID: OAUTH_CLIENT_IDS.github,
    GITHUB_CLIENT_SECRET: "e2e-github-secret",
    ...(p.config.stack.orm === "prisma" ? { PRISMA_SCHEMA_ENGINE_BINARY: ctx.schemaEngineStandIn } : {}),
  };
}

export function backendEnv(ctx: RunContext, p: Project, database: string): NodeJS.ProcessEnv {
  return {
    ...baseEnv(),
    PATH: `${join(ctx.venv.dir, "bin")}:${process.env.PATH}`,
    VIRTUAL_ENV: ctx.venv.dir,
    DATABASE_URL: databaseUrl(ctx, p, database),
    AUTH_SERVER_URL: p.authUrl,
    CORS_ORIGINS: corsOrigins(p),
    BETTER_AUTH_SECRET: p.secret,
  };
}

/** The project of `config` written under the work dir, with its ports, secret and database names. */
export function newProject(ctx: RunContext, config: Config, ports: { auth: number; backend: number; frontend: number }): Project {
  const dir = writeProject(ctx.workDir, config);
  const base = config.projectName.replace(/-/g, "_");
  return {
    config,
    dir,
    authDir: join(dir, "auth-server"),
    backendDir: join(dir, "backend"),
    secret: randomBytes(36).toString("base64url"),
    authPort: ports.auth,
    authUrl: `http://127.0.0.1:${ports.auth}`,
    backendPort: ports.backend,
    backendUrl: `http://127.0.0.1:${ports.backend}`,
    // The services' host name too: cookies belong to a host, so the page sees the session an email link started.
    frontendOrigin: `http://127.0.0.1:${ports.frontend}`,
    frontendPort: ports.frontend,
    databases: { a: `${base}_a`, b: `${base}_b` },
    // Providers that hand out pooled URLs: these configs reach PostgreSQL through PgBouncer.
    pooled: DATABASE_HOST_SPECS[config.database.host].pooled,
  };
}
