/**
 * One entry per value of every option: what the wizard calls it, what the
 * generated docs call it, which packages it brings and how the doctor
 * recognises it in an existing project. Each table is a `Record<Value, Spec>`,
 * so adding a value to an option list in ./options fails to compile until its
 * entry here is written. Zod-free, like ./options.
 */
import type {
  API_SERVER_TARGETS,
  AUTH_SERVER_TARGETS,
  DATABASE_HOSTS,
  DOCS_LAYOUTS,
  EMAIL_TRANSPORTS,
  FRAMEWORKS,
  OAUTH_PROVIDERS,
  ORMS,
  RATE_LIMIT_STORAGES,
  VALIDATION_METHODS,
} from "./options";

export type Framework = (typeof FRAMEWORKS)[number];
export type Orm = (typeof ORMS)[number];
export type DatabaseHost = (typeof DATABASE_HOSTS)[number];
export type ValidationMethod = (typeof VALIDATION_METHODS)[number];
export type AuthServerTarget = (typeof AUTH_SERVER_TARGETS)[number];
export type ApiServerTarget = (typeof API_SERVER_TARGETS)[number];
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];
export type EmailTransport = (typeof EMAIL_TRANSPORTS)[number];
export type DocsLayout = (typeof DOCS_LAYOUTS)[number];
/** Where rate-limit counters live once "auto" is resolved. */
export type RateLimitStorage = Exclude<(typeof RATE_LIMIT_STORAGES)[number], "auto">;

/** The wizard's words for a value: a short label and what choosing it costs. */
export type OptionText = { label: string; tradeoff: string };

/** npm packages of the auth server a value adds (names only; versions live with the generator). */
type AuthServerPackages = { runtime: readonly string[]; dev: readonly string[] };

export type FrameworkSpec = OptionText & {
  /** How the generated docs name it. */
  docsName: string;
  packages: AuthServerPackages;
  /** A dependency of package.json that shows an existing auth server uses it. */
  detectDependency: string;
};

export type OrmSpec = OptionText & {
  docsName: string;
  /** How the auth server's own README names it, with the detail a reader of that service needs. */
  authServerDocsName: string;
  packages: AuthServerPackages;
  /** Dependencies of package.json that show it. */
  detectDependencies: readonly string[];
  /** When several match, the highest wins (a Prisma project depends on `pg` too). */
  detectPriority: number;
};

export type HostSpec = OptionText & {
  docsName: string;
  /** The provider hands out a PgBouncer-style pooled URL next to the direct one. */
  pooled: boolean;
  /** Matches the host name of a DATABASE_URL that points at it. */
  detectHost: RegExp;
};

export type ValidationSpec = OptionText & {
  /** Matches Python source of a backend that checks sessions this way. */
  detectPython: RegExp;
};

export type TargetSpec = OptionText & {
  docsName: string;
  /** The deployment file that shows a service targets it (a file name inside the service's folder). */
  detectFile: string;
};

export type AuthServerTargetSpec = TargetSpec & {
  /** Database connections one auth-server process keeps at most. */
  poolMax: number;
};

export type OAuthProviderSpec = OptionText & {
  /** The sign-in method as the generated docs list it. */
  docsName: string;
  /** The provider's own name, for "Continue with …" buttons. */
  brand: string;
};

export type EmailTransportSpec = OptionText & { packages: AuthServerPackages };
/** `adrDir`: where the architecture decision records go; `promptHistory`: whether the project carries prompt history records. */
export type DocsLayoutSpec = OptionText & { adrDir: string; promptHistory: boolean };

export type RateLimitStorageSpec = OptionText & {
  /** better-auth's `rateLimit.storage` value. */
  betterAuthStorage: "memory" | "database" | "secondary-storage";
  /** Where the auth server's README says counters are kept. */
  authServerDocsPlace: string;
  /** Where the project's docs say counters are kept. */
  docsPlace: string;
  packages: AuthServerPackages;
};

const NO_PACKAGES = { runtime: [], dev: [] } as const;

export const FRAMEWORK_SPECS = {
  hono: {
    label: "Hono",
    tradeoff: "Small and fast, runs on Node and serverless alike.",
    docsName: "Hono",
    packages: { runtime: ["hono", "@hono/node-server"], dev: [] },
    detectDependency: "hono",
  },
  express: {
    label: "Express 5",
    tradeoff: "The most familiar; wildcard routes use the Express 5 syntax.",
    docsName: "Express 5",
    packages: { runtime: ["express", "cors"], dev: ["@types/express", "@types/cors"] },
    detectDependency: "express",
  },
} as const satisfies Record<Framework, FrameworkSpec>;

export const ORM_SPECS = {
  pg: {
    label: "Built-in (pg / Kysely)",
    tradeoff: "No extra tooling; migrations run from a script of the project's own.",
    docsName: "better-auth's built-in PostgreSQL adapter (Kysely on `pg`)",
    authServerDocsName: "better-auth's built-in PostgreSQL adapter (a `pg` Pool)",
    packages: NO_PACKAGES,
    detectDependencies: ["pg"],
    detectPriority: 0,
  },
  prisma: {
    label: "Prisma",
    tradeoff: "A typed client and schema file; its CLI downloads an engine binary.",
    docsName: "Prisma with `@prisma/adapter-pg`",
    authServerDocsName: "Prisma 7 (`prismaAdapter` on `@prisma/adapter-pg`)",
    // The Prisma CLI too: `npm start` and `npm run migrate` generate the client
    // first, also after a production install.
    packages: { runtime: ["@prisma/client", "@prisma/adapter-pg", "prisma"], dev: [] },
    detectDependencies: ["@prisma/client", "prisma"],
    detectPriority: 1,
  },
} as const satisfies Record<Orm, OrmSpec>;

export const DATABASE_HOST_SPECS = {
  neon: {
    label: "Neon",
    tradeoff: "Serverless PostgreSQL with branching and a free tier; connect through its pooled URL.",
    docsName: "Neon",
    pooled: true,
    detectHost: /neon\.tech$/,
  },
  supabase: {
    label: "Supabase",
    tradeoff: "PostgreSQL with a dashboard and extras you may not need; the pooler needs prepared statements off.",
    docsName: "Supabase",
    pooled: true,
    detectHost: /supabase\.(co|com)$/,
  },
  railway: {
    label: "Railway",
    tradeoff: "PostgreSQL next to your services on one bill; no free tier.",
    docsName: "Railway PostgreSQL",
    pooled: false,
    detectHost: /(railway\.app|rlwy\.net|railway\.internal)$/,
  },
  local: {
    label: "Local (Docker Compose)",
    tradeoff: "A PostgreSQL container for development; you still pick a hosted one for production.",
    docsName: "local PostgreSQL (Docker Compose)",
    pooled: false,
    detectHost: /^(localhost|127\.0\.0\.1|db|postgres|database|host\.docker\.internal)$/,
  },
} as const satisfies Record<DatabaseHost, HostSpec>;

export const VALIDATION_SPECS = {
  jwt: {
    label: "JWT via the auth server's JWKS",
    tradeoff: "Stateless: no query per request, keys fetched once; a revoked session stays valid until its token expires (15 min).",
    detectPython: /jwks/i,
  },
  database: {
    label: "Database lookup",
    tradeoff: "Real-time revocation, one query per request against the shared session table.",
    detectPython: /FROM\s+"?(session|user_sessions)"?/i,
  },
} as const satisfies Record<ValidationMethod, ValidationSpec>;

export const AUTH_SERVER_TARGET_SPECS = {
  vercel: {
    label: "Vercel",
    tradeoff: "Serverless, scales to zero; in-memory state does not survive between requests.",
    docsName: "Vercel",
    detectFile: "vercel.json",
    // Each serverless instance keeps few connections: many instances share one database.
    poolMax: 3,
  },
  railway: {
    label: "Railway",
    tradeoff: "A long-running Node process; simple, always on.",
    docsName: "Railway",
    detectFile: "railway.json",
    poolMax: 10,
  },
  docker: {
    label: "Docker",
    tradeoff: "A container you run anywhere; you operate it yourself.",
    docsName: "Docker (a self-hosted image)",
    detectFile: "Dockerfile",
    poolMax: 10,
  },
} as const satisfies Record<AuthServerTarget, AuthServerTargetSpec>;

export const API_SERVER_TARGET_SPECS = {
  render: {
    label: "Render",
    tradeoff: "Managed Python web service from a render.yaml blueprint.",
    docsName: "Render",
    detectFile: "render.yaml",
  },
  railway: {
    label: "Railway",
    tradeoff: "Same platform as the database or auth server if you use it there.",
    docsName: "Railway",
    detectFile: "railway.json",
  },
  docker: {
    label: "Docker",
    tradeoff: "A container you run anywhere, with docker-compose and nginx for local runs.",
    docsName: "Docker (a self-hosted image)",
    detectFile: "Dockerfile",
  },
} as const satisfies Record<ApiServerTarget, TargetSpec>;

export const OAUTH_PROVIDER_SPECS = {
  google: {
    label: "Google OAuth",
    tradeoff: "One-click sign-in for Google accounts; needs a Google Cloud OAuth client.",
    docsName: "Google OAuth",
    brand: "Google",
  },
  github: {
    label: "GitHub OAuth",
    tradeoff: "Natural for developer tools; needs a GitHub OAuth app.",
    docsName: "GitHub OAuth",
    brand: "GitHub",
  },
} as const satisfies Record<OAuthProvider, OAuthProviderSpec>;

export const EMAIL_TRANSPORT_SPECS = {
  smtp: {
    label: "SMTP",
    tradeoff: "Real mail in production; links are logged to the console in development.",
    packages: { runtime: ["nodemailer"], dev: ["@types/nodemailer"] },
  },
  console: {
    label: "Console only",
    tradeoff: "Nothing is sent: email verification and magic links cannot be used.",
    packages: NO_PACKAGES,
  },
} as const satisfies Record<EmailTransport, EmailTransportSpec>;

export const DOCS_LAYOUT_SPECS = {
  standard: {
    label: "Standard",
    tradeoff: "Decision records under docs/adr/, next to the other docs.",
    adrDir: "docs/adr",
    promptHistory: false,
  },
  "spec-kit-plus": {
    label: "Spec-Kit Plus",
    tradeoff: "Decision records under history/adr/, plus prompt history records of the configuration, the generation and the diagnostics.",
    adrDir: "history/adr",
    promptHistory: true,
  },
} as const satisfies Record<DocsLayout, DocsLayoutSpec>;

export const RATE_LIMIT_STORAGE_SPECS = {
  memory: {
    label: "Memory",
    tradeoff: "Fastest; counts are per process and lost on restart.",
    betterAuthStorage: "memory",
    authServerDocsPlace: "memory (one process)",
    docsPlace: "memory",
    packages: NO_PACKAGES,
  },
  database: {
    label: "Database",
    tradeoff: "Shared by every instance; one write per counted request.",
    betterAuthStorage: "database",
    authServerDocsPlace: "the `rateLimit` table, which all serverless instances share",
    docsPlace: "the database (shared by serverless instances)",
    packages: NO_PACKAGES,
  },
  redis: {
    label: "Redis",
    tradeoff: "Shared by several instances or serverless functions without a database write per request; you run Redis (REDIS_URL).",
    betterAuthStorage: "secondary-storage",
    authServerDocsPlace: "Redis (`REDIS_URL`), which every instance shares",
    docsPlace: "Redis (shared by every instance)",
    packages: { runtime: ["@better-auth/redis-storage", "ioredis"], dev: [] },
  },
} as const satisfies Record<RateLimitStorage, RateLimitStorageSpec>;

/** `{ hono: true, express: false }` for the chosen value: the section switches of logic-less templates. */
export function oneHot<T extends string>(values: readonly T[], chosen: T): Record<T, boolean> {
  return flagsOf(values, [chosen]);
}

/** `{ google: true, github: false }`: one switch per value, on for each chosen one. */
export function flagsOf<T extends string>(values: readonly T[], chosen: readonly T[]): Record<T, boolean> {
  return Object.fromEntries(values.map((value) => [value, chosen.includes(value)])) as Record<T, boolean>;
}
