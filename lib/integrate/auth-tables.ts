/**
 * better-auth's table names for an integrated app. When the app already has a
 * table better-auth would create, every better-auth table moves to an
 * `auth_` prefix (all of them, so they stay recognisable as one set), through
 * better-auth's own `modelName` options.
 */

/** better-auth's models, named as its options and its default tables name them. */
export const BETTER_AUTH_TABLE_NAMES = ["user", "session", "account", "verification", "jwks", "rateLimit"] as const;

export type AuthModel = (typeof BETTER_AUTH_TABLE_NAMES)[number];

export type AuthTableNames = Record<AuthModel, string>;

export const DEFAULT_AUTH_TABLE_NAMES: AuthTableNames = Object.fromEntries(BETTER_AUTH_TABLE_NAMES.map((n) => [n, n])) as AuthTableNames;

/** The names better-auth's tables get beside an app whose tables are `appTables`. */
export function authTableNames(appTables: readonly string[]): AuthTableNames {
  const taken = new Set(appTables);
  if (!BETTER_AUTH_TABLE_NAMES.some((name) => taken.has(name))) return DEFAULT_AUTH_TABLE_NAMES;
  let prefix = "auth_";
  while (BETTER_AUTH_TABLE_NAMES.some((name) => taken.has(`${prefix}${name}`))) prefix = `auth${prefix}`;
  return Object.fromEntries(BETTER_AUTH_TABLE_NAMES.map((n) => [n, `${prefix}${n}`])) as AuthTableNames;
}

export const isRenamed = (names: AuthTableNames) => names.user !== "user";
