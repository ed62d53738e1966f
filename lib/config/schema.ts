/**
 * The Sidecar configuration: the single source of truth for the wizard's
 * questions, their defaults and validation, the permalink, the CLI and the
 * HTTP API. Its JSON form follows the seed's `BetterAuthConfig` interface,
 * minus every secret (secrets only ever appear as `.env.example` placeholders).
 */
import { z } from "zod";

export const DATABASE_HOSTS = ["neon", "supabase", "railway", "local"] as const;
export const OAUTH_PROVIDERS = ["google", "github"] as const;
export const VALIDATION_METHODS = ["jwt", "database"] as const;
export const AUTH_SERVER_TARGETS = ["vercel", "railway", "docker"] as const;
export const API_SERVER_TARGETS = ["render", "railway", "docker"] as const;
export const SAME_SITE_POLICIES = ["auto", "lax", "strict", "none"] as const;
export const RATE_LIMIT_STORAGES = ["auto", "memory", "database"] as const;
export const FRAMEWORKS = ["hono", "express"] as const;
export const ORMS = ["pg", "prisma"] as const;
export const EMAIL_TRANSPORTS = ["smtp", "console"] as const;

export const DAY = 86_400;
/** Session lifetimes offered as presets; any other whole number of seconds is "custom". */
export const SESSION_LIFETIME_PRESETS = [7 * DAY, 30 * DAY, DAY] as const;

/** A name that is valid as an npm package name and a PyPI project name. */
const PROJECT_NAME = /^[a-z](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Longest origin accepted; with MAX_ORIGINS it keeps every valid config's permalink under 2,000 characters. */
export const MAX_ORIGIN_LENGTH = 100;
export const MAX_ORIGINS = 8;

/**
 * True when `value` is exactly `scheme://host[:port]` (http or https, nothing
 * else), with a DNS name (letters, digits, hyphens, dots) or an IP literal as host.
 */
export function isOrigin(value: string): boolean {
  if (value.length > MAX_ORIGIN_LENGTH) return false;
  if (!/^https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.origin === value && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

const wellFormed = (value: string) => value.isWellFormed();

const origin = z
  .string()
  .max(MAX_ORIGIN_LENGTH, `An origin is at most ${MAX_ORIGIN_LENGTH} characters`)
  .refine(isOrigin, {
    message: "Must be an origin: scheme://host[:port] in lowercase, with no path, e.g. https://app.example.com",
  });

const seconds = (label: string, min: number, max: number) =>
  z
    .int(`${label} must be a whole number of seconds`)
    .min(min, `${label} must be at least ${min} seconds`)
    .max(max, `${label} must be at most ${max} seconds`);

const port = z.int("A port is a whole number").min(1024, "Use a port from 1024").max(65535, "Use a port up to 65535");

const baseSchema = z.object({
  version: z.literal(1, "Only configuration version 1 exists").default(1),
  projectName: z
    .string()
    .regex(PROJECT_NAME, "Use 1-64 lowercase letters, digits and hyphens, starting with a letter (npm and PyPI safe)")
    .default("my-app"),
  description: z
    .string()
    .max(280, "Keep the description under 280 characters")
    .refine(wellFormed, "The description contains broken Unicode")
    .default("A FastAPI backend with better-auth authentication"),
  database: z
    .object({ host: z.enum(DATABASE_HOSTS).default("neon") })
    .prefault({}),
  auth: z
    .object({
      emailPassword: z
        .object({
          enabled: z.boolean().default(true),
          requireEmailVerification: z.boolean().default(false),
          minPasswordLength: z.int().min(6, "Passwords shorter than 6 characters are not allowed").max(128).default(8),
          maxPasswordLength: z.int().min(8).max(1024, "Passwords longer than 1024 characters are not allowed").default(128),
        })
        .prefault({}),
      oauth: z
        .object({ providers: z.array(z.enum(OAUTH_PROVIDERS)).default([]) })
        .prefault({}),
      magicLink: z.object({ enabled: z.boolean().default(false) }).prefault({}),
    })
    .prefault({}),
  session: z
    .object({
      validationMethod: z.enum(VALIDATION_METHODS).default("jwt"),
      expiresIn: seconds("The session lifetime", 3600, 365 * DAY).default(7 * DAY),
      /** Omitted: one day, or half the lifetime when that is shorter. */
      updateAge: seconds("The session refresh age", 60, 365 * DAY).optional(),
      cookieCache: z
        .object({
          enabled: z.boolean().default(true),
          maxAge: seconds("The cookie cache age", 1, 3600).default(300),
        })
        .prefault({}),
    })
    .prefault({}),
  deployment: z
    .object({
      authServer: z.enum(AUTH_SERVER_TARGETS).default("vercel"),
      apiServer: z.enum(API_SERVER_TARGETS).default("render"),
      /** Add docker-compose files for local development even when no target is Docker. */
      useDocker: z.boolean().default(false),
    })
    .prefault({}),
  cors: z
    .object({
      origins: z
        .array(origin)
        .min(1, "Add at least one frontend origin")
        .max(MAX_ORIGINS, `At most ${MAX_ORIGINS} origins`)
        .default(["http://localhost:3000"]),
      /** "auto": derived from the origins (see resolveConfig). */
      sameSite: z.enum(SAME_SITE_POLICIES).default("auto"),
    })
    .prefault({}),
  rateLimit: z
    .object({
      enabled: z.boolean().default(true),
      window: seconds("The rate-limit window", 1, DAY).default(60),
      max: z.int().min(1, "Allow at least 1 request per window").max(100_000).default(10),
      /** "auto": database storage on serverless targets, memory elsewhere. */
      storage: z.enum(RATE_LIMIT_STORAGES).default("auto"),
    })
    .prefault({}),
  stack: z
    .object({
      framework: z.enum(FRAMEWORKS).default("hono"),
      orm: z.enum(ORMS).default("pg"),
    })
    .prefault({}),
  email: z.object({ transport: z.enum(EMAIL_TRANSPORTS).default("smtp") }).prefault({}),
  ports: z
    .object({
      /** Omitted: 3000, or 3001 when http://localhost:3000 is a frontend origin. */
      authServer: port.optional(),
      backend: port.default(8000),
    })
    .prefault({}),
});

type Draft = z.output<typeof baseSchema>;

/** The auth server's port: as configured, else 3000, or 3001 when the frontend is http://localhost:3000. */
export function authServerPort(c: Pick<Draft, "ports" | "cors">): number {
  return c.ports.authServer ?? (c.cors.origins.includes("http://localhost:3000") ? 3001 : 3000);
}
type Issue = { path: (string | number)[]; message: string };

/** Rules that involve more than one field. Each names the field the user should change. */
export function crossFieldIssues(c: Draft): Issue[] {
  const issues: Issue[] = [];
  const { emailPassword, oauth, magicLink } = c.auth;
  if (!emailPassword.enabled && oauth.providers.length === 0 && !magicLink.enabled) {
    issues.push({ path: ["auth"], message: "Choose at least one sign-in method" });
  }
  if (new Set(oauth.providers).size !== oauth.providers.length) {
    issues.push({ path: ["auth", "oauth", "providers"], message: "Each OAuth provider can be chosen once" });
  }
  if (emailPassword.minPasswordLength > emailPassword.maxPasswordLength) {
    issues.push({
      path: ["auth", "emailPassword", "maxPasswordLength"],
      message: `The maximum password length must be at least the minimum (${emailPassword.minPasswordLength})`,
    });
  }
  if (emailPassword.requireEmailVerification && !emailPassword.enabled) {
    issues.push({
      path: ["auth", "emailPassword", "requireEmailVerification"],
      message: "Email verification applies to email/password sign-up: enable Email/Password or turn verification off",
    });
  }
  if ((emailPassword.requireEmailVerification || magicLink.enabled) && c.email.transport !== "smtp") {
    issues.push({
      path: ["email", "transport"],
      message: "Email verification and magic links send mail: choose the SMTP transport (it logs links to the console in development)",
    });
  }
  if (c.session.updateAge !== undefined && c.session.updateAge >= c.session.expiresIn) {
    issues.push({
      path: ["session", "updateAge"],
      message: `The session refresh age must be shorter than the session lifetime (${c.session.expiresIn} seconds)`,
    });
  }
  if (new Set(c.cors.origins).size !== c.cors.origins.length) {
    issues.push({ path: ["cors", "origins"], message: "Each origin can be listed once" });
  }
  if (c.rateLimit.storage === "memory" && c.deployment.authServer === "vercel") {
    issues.push({
      path: ["rateLimit", "storage"],
      message: "Memory rate-limit storage does not work across Vercel's serverless instances: use database storage",
    });
  }
  if (authServerPort(c) === c.ports.backend) {
    issues.push({ path: ["ports", "backend"], message: "The auth server and the backend need different ports" });
  }
  return issues;
}

export const configSchema = baseSchema.superRefine((config, ctx) => {
  for (const issue of crossFieldIssues(config)) ctx.addIssue({ code: "custom", ...issue });
});

/** A validated configuration with every default filled in. */
export type Config = z.output<typeof configSchema>;
/** What a user or file may supply: every field optional. */
export type ConfigInput = z.input<typeof configSchema>;

export const DEFAULT_CONFIG: Config = configSchema.parse({});

export type ConfigProblem = { path: string; message: string };

/** Validates unknown input; problems carry dotted field paths such as `cors.origins.1`. */
export function parseConfig(input: unknown): { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] } {
  const result = configSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join(".") || "(root)",
      message: issue.message,
    })),
  };
}
