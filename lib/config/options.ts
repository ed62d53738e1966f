/**
 * The options and limits of the Sidecar configuration, free of zod so the
 * wizard's main thread can list options without loading the validator.
 * lib/config/schema.ts builds the schema from these and re-exports them.
 */
/** "existing": auth is added to an uploaded FastAPI app instead of a new backend. */
export const PROJECT_TYPES = ["new", "existing"] as const;
export const DATABASE_HOSTS = ["neon", "supabase", "railway", "local"] as const;
export const OAUTH_PROVIDERS = ["google", "github"] as const;
export const VALIDATION_METHODS = ["jwt", "database"] as const;
export const AUTH_SERVER_TARGETS = ["vercel", "railway", "docker"] as const;
export const API_SERVER_TARGETS = ["render", "railway", "docker"] as const;
export const SAME_SITE_POLICIES = ["auto", "lax", "strict", "none"] as const;
/** "redis" only when chosen: it needs a Redis server, which "auto" cannot assume. */
export const RATE_LIMIT_STORAGES = ["auto", "memory", "database", "redis"] as const;
export const FRAMEWORKS = ["hono", "express"] as const;
export const ORMS = ["pg", "prisma"] as const;
export const EMAIL_TRANSPORTS = ["smtp", "console"] as const;
/** "spec-kit-plus": the decision records under history/adr/ and prompt history records, as Spec-Kit Plus keeps them. */
export const DOCS_LAYOUTS = ["standard", "spec-kit-plus"] as const;

export const DAY = 86_400;
/** Session lifetimes offered as presets; any other whole number of seconds is "custom". */
export const SESSION_LIFETIME_PRESETS = [7 * DAY, 30 * DAY, DAY] as const;

/** A name that is valid as an npm package name and a PyPI project name. */
export const PROJECT_NAME = /^[a-z](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Longest origin accepted; with MAX_ORIGINS it keeps every valid config's permalink under 2,000 characters. */
export const MAX_ORIGIN_LENGTH = 100;
export const MAX_ORIGINS = 8;

/**
 * The one origin grammar: `scheme://host[:port]` (http or https), lowercase,
 * with a DNS name (letters, digits, hyphens, dots), an IPv4 address or a
 * bracketed IPv6 literal as host, written exactly as a browser sends it in an
 * `Origin` header. Its characters are letters, digits and `.-:/[]`, which every
 * file format a project holds (env, nginx, YAML, JSON, TS, Python, Markdown)
 * can carry; lib/generate/encode.ts accepts all of them.
 */
const ORIGIN_SHAPE = /^https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

const ORIGIN_EXAMPLE = "e.g. https://app.example.com or http://[::1]:5173";

/** Why `value` is not an origin, or null when it is one. */
export function originProblem(value: string): string | null {
  if (value.length > MAX_ORIGIN_LENGTH) return `An origin is at most ${MAX_ORIGIN_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `Must be an origin: scheme://host[:port], ${ORIGIN_EXAMPLE}`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `Must be an http or https origin, ${ORIGIN_EXAMPLE}`;
  if (url.username !== "" || url.password !== "") return "Must be an origin without user name or password";
  // A path, query, fragment, upper case or a non-canonical host or port: the browser's form differs.
  if (url.origin !== value) {
    return ORIGIN_SHAPE.test(url.origin)
      ? `Must be an origin as browsers send it (lowercase, no path or trailing slash): write ${url.origin}`
      : `Must be an origin: scheme://host[:port], ${ORIGIN_EXAMPLE}`;
  }
  if (!ORIGIN_SHAPE.test(value)) {
    return "Must be an origin whose host is a DNS name (letters, digits, hyphens, dots), an IPv4 address or a bracketed IPv6 address";
  }
  return null;
}

export function isOrigin(value: string): boolean {
  return originProblem(value) === null;
}
