/**
 * The options and limits of the Sidecar configuration, free of zod so the
 * wizard's main thread can list options without loading the validator.
 * lib/config/schema.ts builds the schema from these and re-exports them.
 */
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
export const PROJECT_NAME = /^[a-z](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Longest origin accepted; with MAX_ORIGINS it keeps every valid config's permalink under 2,000 characters. */
export const MAX_ORIGIN_LENGTH = 100;
export const MAX_ORIGINS = 8;

/**
 * True when `value` is exactly `scheme://host[:port]` (http or https, nothing
 * else), with a DNS name (letters, digits, hyphens, dots) or an IP literal as host.
 */
export function isOrigin(value: string): boolean {
  if (value.length > MAX_ORIGIN_LENGTH) return false;
  if (!/^https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.origin === value && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}
