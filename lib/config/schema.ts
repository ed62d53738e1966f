/**
 * The Sidecar configuration: the single source of truth for the wizard's
 * questions, their defaults and validation, the permalink, the CLI and the
 * HTTP API. It holds no secret: secrets only ever appear as `.env.example`
 * placeholders.
 */
import { z } from "zod";
import {
  API_SERVER_TARGETS,
  AUTH_SERVER_TARGETS,
  DATABASE_HOSTS,
  DAY,
  DOCS_LAYOUTS,
  EMAIL_TRANSPORTS,
  FRAMEWORKS,
  MAX_ORIGINS,
  OAUTH_PROVIDERS,
  ORMS,
  originProblem,
  PROJECT_NAME,
  PROJECT_TYPES,
  RATE_LIMIT_STORAGES,
  SAME_SITE_POLICIES,
  VALIDATION_METHODS,
} from "./options";
import { crossFieldIssues } from "./rules";

// Without it zod probes for `new Function`, which the pages' Content-Security-Policy
// forbids and reports as a violation; its compiled parsers gain nothing on a few kB of config.
z.config({ jitless: true });

export * from "./options";
export { authServerPort } from "./rules";

const wellFormed = (value: string) => value.isWellFormed();

const origin = z.string().superRefine((value, ctx) => {
  const problem = originProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const seconds = (label: string, min: number, max: number) =>
  z.int(`${label} must be a whole number of seconds`).min(min, `${label} must be at least ${min} seconds`).max(max, `${label} must be at most ${max} seconds`);

const port = z.int("A port is a whole number").min(1024, "Use a port from 1024").max(65535, "Use a port up to 65535");

const baseSchema = z.strictObject({
  version: z.literal(1, "Only configuration version 1 exists").default(1),
  /** A link carries this answer, never the upload: an "existing" link asks for the app again. */
  projectType: z.enum(PROJECT_TYPES).default("new"),
  projectName: z.string().regex(PROJECT_NAME, "Use 1-64 lowercase letters, digits and hyphens, starting with a letter (npm and PyPI safe)").default("my-app"),
  description: z
    .string()
    .max(280, "Keep the description under 280 characters")
    .refine(wellFormed, "The description contains broken Unicode")
    .default("A FastAPI backend with better-auth authentication"),
  database: z.strictObject({ host: z.enum(DATABASE_HOSTS).default("neon") }).prefault({}),
  auth: z
    .strictObject({
      emailPassword: z
        .strictObject({
          enabled: z.boolean().default(true),
          requireEmailVerification: z.boolean().default(false),
          minPasswordLength: z.int().min(6, "Passwords shorter than 6 characters are not allowed").max(128).default(8),
          maxPasswordLength: z.int().min(8).max(1024, "Passwords longer than 1024 characters are not allowed").default(128),
        })
        .prefault({}),
      oauth: z.strictObject({ providers: z.array(z.enum(OAUTH_PROVIDERS)).default([]) }).prefault({}),
      magicLink: z.strictObject({ enabled: z.boolean().default(false) }).prefault({}),
    })
    .prefault({}),
  session: z
    .strictObject({
      validationMethod: z.enum(VALIDATION_METHODS).default("jwt"),
      expiresIn: seconds("The session lifetime", 3600, 365 * DAY).default(7 * DAY),
      /** Omitted: one day, or half the lifetime when that is shorter. */
      updateAge: seconds("The session refresh age", 60, 365 * DAY).optional(),
      cookieCache: z
        .strictObject({
          enabled: z.boolean().default(true),
          maxAge: seconds("The cookie cache age", 1, 3600).default(300),
        })
        .prefault({}),
    })
    .prefault({}),
  deployment: z
    .strictObject({
      authServer: z.enum(AUTH_SERVER_TARGETS).default("vercel"),
      apiServer: z.enum(API_SERVER_TARGETS).default("render"),
      /** Add docker-compose files for local development even when no target is Docker. */
      useDocker: z.boolean().default(false),
    })
    .prefault({}),
  cors: z
    .strictObject({
      origins: z.array(origin).min(1, "Add at least one frontend origin").max(MAX_ORIGINS, `At most ${MAX_ORIGINS} origins`).default(["http://localhost:3000"]),
      /** "auto": derived from the origins (see resolveConfig). */
      sameSite: z.enum(SAME_SITE_POLICIES).default("auto"),
    })
    .prefault({}),
  rateLimit: z
    .strictObject({
      enabled: z.boolean().default(true),
      window: seconds("The rate-limit window", 1, DAY).default(60),
      max: z.int().min(1, "Allow at least 1 request per window").max(100_000).default(10),
      /** "auto": database storage on serverless targets, memory elsewhere; Redis only when chosen. */
      storage: z.enum(RATE_LIMIT_STORAGES).default("auto"),
    })
    .prefault({}),
  stack: z
    .strictObject({
      framework: z.enum(FRAMEWORKS).default("hono"),
      orm: z.enum(ORMS).default("pg"),
    })
    .prefault({}),
  email: z.strictObject({ transport: z.enum(EMAIL_TRANSPORTS).default("smtp") }).prefault({}),
  backend: z
    .strictObject({
      /** The `/api/notes` resource: a protected CRUD route and its own table, to copy from. */
      exampleResource: z.boolean().default(true),
    })
    .prefault({}),
  docs: z.strictObject({ layout: z.enum(DOCS_LAYOUTS).default("standard") }).prefault({}),
  ports: z
    .strictObject({
      /** Omitted: 3000, or 3001 when http://localhost:3000 is a frontend origin. */
      authServer: port.optional(),
      backend: port.default(8000),
    })
    .prefault({}),
});

export const configSchema = baseSchema.superRefine((config, ctx) => {
  for (const { path, message } of crossFieldIssues(config)) ctx.addIssue({ code: "custom", path, message });
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
