/**
 * Decisions for `auth-server/`: the better-auth service. Everything a template
 * of the auth-server layers needs beyond the common flags is decided here, so
 * the templates only print values and toggle sections.
 */
import {
  AUTH_SERVER_TARGET_SPECS,
  DATABASE_HOST_SPECS,
  EMAIL_TRANSPORT_SPECS,
  FRAMEWORK_SPECS,
  oneHot,
  ORM_SPECS,
  RATE_LIMIT_STORAGE_SPECS,
  type AuthServerTarget,
  type RateLimitStorage,
} from "../../config/option-specs";
import type { ResolvedConfig } from "../../config/resolve";
import { authSchemaFacts, authTables } from "../../auth-schema";
import { DEFAULT_AUTH_TABLE_NAMES, isRenamed, type AuthTableNames } from "../../integrate/auth-tables";
import { envValue, jsonString, tsString } from "../encode";
import { prismaModels } from "./prisma-schema";

/**
 * Exact versions of every package the auth server may depend on. One table for
 * all variants: projects generated with different options install identical
 * versions, so one node_modules serves them all and a lockfile never drifts.
 */
export const AUTH_SERVER_PACKAGES = {
  // better-auth's own dependency, at its version: src/auth/router.ts opens the adapter scope it opens.
  "@better-auth/core": "1.7.25",
  "@better-auth/redis-storage": "1.7.5",
  "@hono/node-server": "2.1.9",
  "@prisma/adapter-pg": "7.10.0",
  "@prisma/client": "7.10.0",
  "better-auth": "1.7.25",
  cors: "2.8.6",
  express: "5.3.0",
  hono: "4.13.19",
  ioredis: "5.11.1",
  nodemailer: "10.6.0",
  pg: "8.23.1",
  prisma: "7.10.0",
  tsx: "4.23.15",
  typescript: "5.9.3",
  "@types/cors": "2.8.19",
  "@types/express": "5.0.6",
  "@types/node": "22.20.7",
  "@types/nodemailer": "8.0.2",
  "@types/pg": "8.23.1",
} as const;

type PackageName = keyof typeof AUTH_SERVER_PACKAGES;

/** `"name": "version"` lines of a package.json block, comma-separated and sorted. */
function dependencyLines(names: PackageName[]): string {
  return [...names]
    .sort()
    .map((name) => `    ${jsonString(name)}: ${jsonString(AUTH_SERVER_PACKAGES[name])}`)
    .join(",\n");
}

/** Names only from the pinned table: a value's spec naming an unpinned package does not compile. */
type PinnedPackages = { runtime: readonly PackageName[]; dev: readonly PackageName[] };

function chosenPackages(c: ResolvedConfig): PinnedPackages[] {
  return [
    FRAMEWORK_SPECS[c.stack.framework].packages,
    ORM_SPECS[c.stack.orm].packages,
    EMAIL_TRANSPORT_SPECS[c.email.transport].packages,
    RATE_LIMIT_STORAGE_SPECS[c.resolved.rateLimitStorage].packages,
  ];
}

function runtimePackages(c: ResolvedConfig): PackageName[] {
  return ["better-auth", "@better-auth/core", "pg", "tsx", ...chosenPackages(c).flatMap((p) => p.runtime)];
}

function developmentPackages(c: ResolvedConfig): PackageName[] {
  return ["typescript", "@types/node", "@types/pg", ...chosenPackages(c).flatMap((p) => p.dev)];
}

const MAX_REQUESTS_IN_A_TEST = 500;

/** Private networks, where platform proxies and Compose's nginx connect from. */
const PRIVATE_RANGES = "10.0.0.0/8,100.64.0.0/10,172.16.0.0/12,192.168.0.0/16,fc00::/7";

/** Who stands between the client and the auth server on each target, and which peers may name the client. */
const CLIENT_ADDRESS_BY_TARGET: Record<AuthServerTarget, { trustedProxies: string; proxyHops: number; proxy: string }> = {
  // A function is reachable only through Vercel's edge, which overwrites X-Forwarded-For with the client's address.
  vercel: { trustedProxies: "0.0.0.0/0,::/0", proxyHops: 1, proxy: "Vercel's edge network" },
  railway: { trustedProxies: PRIVATE_RANGES, proxyHops: 1, proxy: "Railway's edge proxy" },
  docker: { trustedProxies: PRIVATE_RANGES, proxyHops: 1, proxy: "nginx from docker-compose.yml, or a load balancer on a private network" },
};

const RATE_LIMIT_STORAGES = Object.keys(RATE_LIMIT_STORAGE_SPECS) as RateLimitStorage[];

function rateLimitView(c: ResolvedConfig) {
  const storage = RATE_LIMIT_STORAGE_SPECS[c.resolved.rateLimitStorage];
  return {
    enabled: c.rateLimit.enabled,
    window: c.rateLimit.window,
    max: c.rateLimit.max,
    storage: storage.betterAuthStorage,
    /** `memory`, `database`, `redis`: one switch per place counters can live. */
    ...oneHot(RATE_LIMIT_STORAGES, c.resolved.rateLimitStorage),
    storagePlace: storage.authServerDocsPlace,
    // The project's own test sends max + 1 requests: only while that stays quick.
    checkEnforced: c.rateLimit.enabled && c.rateLimit.max <= MAX_REQUESTS_IN_A_TEST,
    checkDisabled: !c.rateLimit.enabled && c.rateLimit.max <= MAX_REQUESTS_IN_A_TEST,
    tooManyToCheck: c.rateLimit.max > MAX_REQUESTS_IN_A_TEST,
  };
}

/** What the login flows need from email: verification is sent on sign-up only when it is required. */
function emailView(c: ResolvedConfig) {
  const { emailPassword, magicLink } = c.auth;
  return {
    /** Some flow may send mail, so the auth options import the mailer. */
    usesMail: emailPassword.enabled || magicLink.enabled,
    /** Email/password accounts can verify their address whenever a transport exists. */
    verification: emailPassword.enabled,
    sendOnSignUp: emailPassword.requireEmailVerification,
    /** The request the project's test makes the server mail a link with: a magic link when offered, else sign-up's verification. */
    linkMail: c.resolved.sendsEmail && oneHot(LINK_MAIL_FLOWS, magicLink.enabled ? "magicLink" : "signUp"),
  };
}

const LINK_MAIL_FLOWS = ["magicLink", "signUp"] as const;

export function authServerView(c: ResolvedConfig, tables: AuthTableNames = DEFAULT_AUTH_TABLE_NAMES) {
  return {
    /** better-auth's table names: other than its defaults only beside an app that already uses them. */
    tables: { ...tables, renamed: isRenamed(tables) },
    packageName: jsonString(`${c.projectName}-auth-server`),
    clientAddress: CLIENT_ADDRESS_BY_TARGET[c.deployment.authServer],
    dependencies: dependencyLines(runtimePackages(c)),
    devDependencies: dependencyLines(developmentPackages(c)),
    port: c.resolved.authServerPort,
    poolMax: AUTH_SERVER_TARGET_SPECS[c.deployment.authServer].poolMax,
    /** A transaction-mode pooler drops per-connection startup settings such as statement_timeout. */
    pooledDatabase: DATABASE_HOST_SPECS[c.database.host].pooled,
    ormName: ORM_SPECS[c.stack.orm].authServerDocsName,
    corsOriginsEnv: envValue(c.cors.origins.join(",")),
    session: {
      expiresIn: c.session.expiresIn,
      updateAge: c.resolved.updateAge,
      cookieCacheEnabled: c.session.cookieCache.enabled,
      cookieCacheMaxAge: c.session.cookieCache.maxAge,
    },
    // Enum values, printed inside string literals of the generated code.
    sameSite: c.resolved.sameSite,
    sameSiteNone: c.resolved.sameSite === "none",
    password: {
      min: c.auth.emailPassword.minPasswordLength,
      max: c.auth.emailPassword.maxPasswordLength,
    },
    email: emailView(c),
    rateLimit: rateLimitView(c),
    /** Every key this project writes to a shared Redis starts with it. */
    redisKeyPrefix: tsString(`${c.projectName}:`),
    /** A sign-in method that ends with a session cookie the tests can use. */
    cookieSignIn: c.auth.emailPassword.enabled || c.auth.magicLink.enabled,
    vercel: c.deployment.authServer === "vercel",
    railway: c.deployment.authServer === "railway",
    docker: c.deployment.authServer === "docker",
    prismaModels: prismaModels(authTables(authSchemaFacts(c))),
  };
}
