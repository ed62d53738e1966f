/**
 * Pairwise coverage: the factors whose interactions the end-to-end set must
 * cover, how to read a configuration's value for each, and a checker that
 * lists every pair of values no configuration exercises. Option factors take
 * their values from the config's option lists, so a new value is a gap here
 * until a config uses it.
 */
import {
  API_SERVER_TARGETS,
  AUTH_SERVER_TARGETS,
  DATABASE_HOSTS,
  EMAIL_TRANSPORTS,
  FRAMEWORKS,
  ORMS,
  RATE_LIMIT_STORAGES,
  SAME_SITE_POLICIES,
  VALIDATION_METHODS,
  type Config,
} from "../../lib/config/schema";

export type Factor = { name: string; values: readonly string[]; of: (config: Config) => string };

/** The sign-in method sets the set uses: every method appears, and each set can create a session here. */
const AUTH_METHOD_SETS = ["email", "email+google+magic", "magic+github"] as const;

function authMethodSet(config: Config): string {
  const parts: string[] = [];
  if (config.auth.emailPassword.enabled) parts.push("email");
  if (config.auth.oauth.providers.includes("google")) parts.push("google");
  if (config.auth.magicLink.enabled) parts.push("magic");
  if (config.auth.oauth.providers.includes("github")) parts.push("github");
  return parts.join("+");
}

/** Factors that must be covered in pairs. Deployment is two questions (auth server, API) with three targets each. */
export const PAIRWISE_FACTORS: Factor[] = [
  { name: "framework", values: FRAMEWORKS, of: (c) => c.stack.framework },
  { name: "orm", values: ORMS, of: (c) => c.stack.orm },
  { name: "validation", values: VALIDATION_METHODS, of: (c) => c.session.validationMethod },
  { name: "authMethods", values: AUTH_METHOD_SETS, of: authMethodSet },
  {
    name: "verification",
    values: ["required", "disabled"],
    of: (c) => (c.auth.emailPassword.requireEmailVerification ? "required" : "disabled"),
  },
  { name: "authServerTarget", values: AUTH_SERVER_TARGETS, of: (c) => c.deployment.authServer },
  { name: "apiServerTarget", values: API_SERVER_TARGETS, of: (c) => c.deployment.apiServer },
];

/** Factors where every value must appear once; their pairs are not required. */
export const SINGLE_FACTORS: Factor[] = [
  { name: "databaseHost", values: DATABASE_HOSTS, of: (c) => c.database.host },
  {
    name: "corsOrigins",
    values: ["localhost:3000", "github-pages", "custom-domain", "custom-list"],
    of: (c) => {
      const origins = c.cors.origins;
      if (origins.length > 1) return "custom-list";
      if (origins[0] === "http://localhost:3000") return "localhost:3000";
      return origins[0].endsWith(".github.io") ? "github-pages" : "custom-domain";
    },
  },
  {
    name: "sessionLifetime",
    values: ["7d", "30d", "1d", "custom"],
    of: (c) => ({ 604800: "7d", 2592000: "30d", 86400: "1d" })[c.session.expiresIn] ?? "custom",
  },
  { name: "emailTransport", values: EMAIL_TRANSPORTS, of: (c) => c.email.transport },
  { name: "rateLimit", values: ["on", "off"], of: (c) => (c.rateLimit.enabled ? "on" : "off") },
  { name: "rateLimitStorage", values: RATE_LIMIT_STORAGES, of: (c) => c.rateLimit.storage },
  { name: "sameSite", values: SAME_SITE_POLICIES, of: (c) => c.cors.sameSite },
];

/**
 * Pairs that no valid configuration can hold: verification applies to
 * email/password sign-up, so it cannot be required for a set without it.
 */
function isFeasiblePair(a: Factor, av: string, b: Factor, bv: string): boolean {
  const verificationWithoutPassword = (f: Factor, v: string, g: Factor, w: string) =>
    f.name === "verification" && v === "required" && g.name === "authMethods" && !w.split("+").includes("email");
  return !verificationWithoutPassword(a, av, b, bv) && !verificationWithoutPassword(b, bv, a, av);
}

/** Every feasible pair of values of two different pairwise factors that no config covers, as readable strings. */
export function missingPairs(configs: Config[], factors: Factor[] = PAIRWISE_FACTORS): string[] {
  const missing: string[] = [];
  for (let i = 0; i < factors.length; i++) {
    for (let j = i + 1; j < factors.length; j++) {
      const [a, b] = [factors[i], factors[j]];
      const seen = new Set(configs.map((c) => `${a.of(c)}|${b.of(c)}`));
      for (const av of a.values) {
        for (const bv of b.values) {
          if (isFeasiblePair(a, av, b, bv) && !seen.has(`${av}|${bv}`)) missing.push(`${a.name}=${av} × ${b.name}=${bv}`);
        }
      }
    }
  }
  return missing;
}

/** Values of any factor that no config uses, and values a config has that its factor does not list. */
export function missingValues(configs: Config[], factors: Factor[] = [...PAIRWISE_FACTORS, ...SINGLE_FACTORS]): string[] {
  const problems: string[] = [];
  for (const factor of factors) {
    const used = new Set(configs.map(factor.of));
    for (const value of factor.values) if (!used.has(value)) problems.push(`${factor.name}=${value} is never used`);
    for (const value of used) if (!factor.values.includes(value)) problems.push(`${factor.name}=${value} is not a listed value`);
  }
  return problems;
}
