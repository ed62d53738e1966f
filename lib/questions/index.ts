/**
 * The words of the wizard: a label and a trade-off for every value of every
 * enum in lib/config/schema.ts. The option lists themselves come from the
 * schema; the `Record<Enum, …>` types make the compiler reject a missing or
 * stale label when the schema changes.
 */
import { formatDuration } from "../config/duration";
import {
  API_SERVER_TARGETS,
  AUTH_SERVER_TARGETS,
  DATABASE_HOSTS,
  EMAIL_TRANSPORTS,
  FRAMEWORKS,
  OAUTH_PROVIDERS,
  ORMS,
  RATE_LIMIT_STORAGES,
  SAME_SITE_POLICIES,
  VALIDATION_METHODS,
} from "../config/options";

export type OptionText = { label: string; tradeoff: string };
type Texts<T extends readonly string[]> = Record<T[number], OptionText>;

export const DATABASE_HOST_TEXT: Texts<typeof DATABASE_HOSTS> = {
  neon: { label: "Neon", tradeoff: "Serverless PostgreSQL with branching and a free tier; connect through its pooled URL." },
  supabase: { label: "Supabase", tradeoff: "PostgreSQL with a dashboard and extras you may not need; the pooler needs prepared statements off." },
  railway: { label: "Railway", tradeoff: "PostgreSQL next to your services on one bill; no free tier." },
  local: { label: "Local (Docker Compose)", tradeoff: "A PostgreSQL container for development; you still pick a hosted one for production." },
};

export const OAUTH_PROVIDER_TEXT: Texts<typeof OAUTH_PROVIDERS> = {
  google: { label: "Google OAuth", tradeoff: "One-click sign-in for Google accounts; needs a Google Cloud OAuth client." },
  github: { label: "GitHub OAuth", tradeoff: "Natural for developer tools; needs a GitHub OAuth app." },
};

export const EMAIL_PASSWORD_TEXT: OptionText = {
  label: "Email and password",
  tradeoff: "Works everywhere with no third party; you own password resets and breach risk.",
};

export const MAGIC_LINK_TEXT: OptionText = {
  label: "Magic links",
  tradeoff: "Passwordless sign-in by emailed link; every sign-in depends on mail delivery.",
};

export const EMAIL_VERIFICATION_TEXT: Record<"required" | "disabled", OptionText> = {
  required: { label: "Required", tradeoff: "Users confirm their address before signing in; needs working email." },
  disabled: { label: "Disabled", tradeoff: "Sign-up is instant; addresses are unconfirmed." },
};

export const VALIDATION_METHOD_TEXT: Texts<typeof VALIDATION_METHODS> = {
  jwt: {
    label: "JWT via the auth server's JWKS",
    tradeoff: "Stateless: no query per request, keys fetched once; a revoked session stays valid until its token expires (15 min).",
  },
  database: {
    label: "Database lookup",
    tradeoff: "Real-time revocation, one query per request against the shared session table.",
  },
};

export const AUTH_SERVER_TARGET_TEXT: Texts<typeof AUTH_SERVER_TARGETS> = {
  vercel: { label: "Vercel", tradeoff: "Serverless, scales to zero; in-memory state does not survive between requests." },
  railway: { label: "Railway", tradeoff: "A long-running Node process; simple, always on." },
  docker: { label: "Docker", tradeoff: "A container you run anywhere; you operate it yourself." },
};

export const API_SERVER_TARGET_TEXT: Texts<typeof API_SERVER_TARGETS> = {
  render: { label: "Render", tradeoff: "Managed Python web service from a render.yaml blueprint." },
  railway: { label: "Railway", tradeoff: "Same platform as the database or auth server if you use it there." },
  docker: { label: "Docker", tradeoff: "A container you run anywhere, with docker-compose and nginx for local runs." },
};

export const SAME_SITE_TEXT: Texts<typeof SAME_SITE_POLICIES> = {
  auto: { label: "Automatic", tradeoff: "Lax for localhost-only frontends, None (with Secure) when a frontend is on another site." },
  lax: { label: "Lax", tradeoff: "Sent on top-level navigation; blocks most cross-site requests." },
  strict: { label: "Strict", tradeoff: "Never sent cross-site; breaks sign-in from a frontend on another site." },
  none: { label: "None", tradeoff: "Sent cross-site (requires HTTPS); needed when the frontend is on another site." },
};

export const RATE_LIMIT_STORAGE_TEXT: Texts<typeof RATE_LIMIT_STORAGES> = {
  auto: { label: "Automatic", tradeoff: "Database on serverless targets, memory elsewhere." },
  memory: { label: "Memory", tradeoff: "Fastest; counts are per process and lost on restart." },
  database: { label: "Database", tradeoff: "Shared by every instance; one write per counted request." },
};

export const FRAMEWORK_TEXT: Texts<typeof FRAMEWORKS> = {
  hono: { label: "Hono", tradeoff: "Small and fast, runs on Node and serverless alike." },
  express: { label: "Express 5", tradeoff: "The most familiar; wildcard routes use the Express 5 syntax." },
};

export const ORM_TEXT: Texts<typeof ORMS> = {
  pg: { label: "Built-in (pg / Kysely)", tradeoff: "No extra tooling; migrations run from a script of the project's own." },
  prisma: { label: "Prisma", tradeoff: "A typed client and schema file; its CLI downloads an engine binary." },
};

export const EMAIL_TRANSPORT_TEXT: Texts<typeof EMAIL_TRANSPORTS> = {
  smtp: { label: "SMTP", tradeoff: "Real mail in production; links are logged to the console in development." },
  console: { label: "Console only", tradeoff: "Nothing is sent: email verification and magic links cannot be used." },
};

export { formatDuration };

/** How each setting is named in messages, by dotted path. */
export const FIELD_LABELS: Record<string, string> = {
  version: "configuration version",
  projectName: "project name",
  description: "description",
  "database.host": "PostgreSQL provider",
  "auth.emailPassword.enabled": "email and password sign-in",
  "auth.emailPassword.requireEmailVerification": "email verification",
  "auth.emailPassword.minPasswordLength": "minimum password length",
  "auth.emailPassword.maxPasswordLength": "maximum password length",
  "auth.oauth.providers": "OAuth provider list",
  "auth.magicLink.enabled": "magic link sign-in",
  "session.validationMethod": "session validation method",
  "session.expiresIn": "session lifetime",
  "session.updateAge": "session refresh age",
  "session.cookieCache.enabled": "cookie cache",
  "session.cookieCache.maxAge": "cookie cache age",
  "deployment.authServer": "auth server deployment target",
  "deployment.apiServer": "API deployment target",
  "deployment.useDocker": "Docker Compose for development",
  "cors.origins": "frontend origin list",
  "cors.sameSite": "cookie SameSite policy",
  "rateLimit.enabled": "rate limiting",
  "rateLimit.window": "rate-limit window",
  "rateLimit.max": "rate-limit request count",
  "rateLimit.storage": "rate-limit storage",
  "stack.framework": "auth server framework",
  "stack.orm": "database layer",
  "email.transport": "email transport",
  "ports.authServer": "auth server port",
  "ports.backend": "backend port",
};

const ENUM_TEXT: Record<string, Record<string, OptionText>> = {
  "database.host": DATABASE_HOST_TEXT,
  "session.validationMethod": VALIDATION_METHOD_TEXT,
  "deployment.authServer": AUTH_SERVER_TARGET_TEXT,
  "deployment.apiServer": API_SERVER_TARGET_TEXT,
  "cors.sameSite": SAME_SITE_TEXT,
  "rateLimit.storage": RATE_LIMIT_STORAGE_TEXT,
  "stack.framework": FRAMEWORK_TEXT,
  "stack.orm": ORM_TEXT,
  "email.transport": EMAIL_TRANSPORT_TEXT,
};

const DURATION_FIELDS = new Set([
  "session.expiresIn",
  "session.updateAge",
  "session.cookieCache.maxAge",
  "rateLimit.window",
]);

/** A setting's value in words, for messages such as "7 days was used". */
export function formatValue(path: string, value: unknown): string {
  if (value === undefined) return "the automatic value";
  if (path === "auth.oauth.providers" && Array.isArray(value)) {
    return value.length === 0 ? "no OAuth providers" : value.map((p) => OAUTH_PROVIDER_TEXT[p as "google"]?.label ?? p).join(", ");
  }
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "boolean") return value ? "on" : "off";
  if (typeof value === "number" && DURATION_FIELDS.has(path)) return formatDuration(value);
  const text = typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
  return ENUM_TEXT[path]?.[text]?.label ?? text;
}
