/**
 * The tables better-auth 1.7 creates in PostgreSQL for a configuration: the
 * one description that the Alembic migration, the Prisma schema and the
 * schema-sync diagnostic are all rendered from or checked against.
 *
 * Derived from better-auth 1.7.25's `buildAuthTables` (@better-auth/core
 * db/get-tables) and `getMigrations` (better-auth db/get-migration), and pinned
 * by tests/auth-schema against the SQL `getMigrations(...).compileMigrations()`
 * prints for the same plugin sets. Notes that matter to every consumer:
 * - Identifiers are camelCase and must be double-quoted (`"user"` is reserved).
 * - Only `createdAt`/`updatedAt` columns with a function default get
 *   `DEFAULT CURRENT_TIMESTAMP`; `emailVerified` is NOT NULL without a default
 *   (better-auth always writes it), `session.updatedAt`, `account.updatedAt`
 *   and `jwks.createdAt` have no default at all.
 * - Unique columns are inline `UNIQUE` constraints, so PostgreSQL names them
 *   `<table>_<column>_key`; plain indexes are named `<table>_<column>_idx` and
 *   better-auth's migrate checks them by name, so the names are part of the
 *   contract.
 * - There is no `account.issuer` column: 1.7.0–1.7.2 had one, later 1.7
 *   releases removed it and refuse to start (schema check
 *   "unexpected-required-column") when a NOT NULL `issuer` is present.
 * - `rateLimit` exists only with database rate-limit storage: the auth server
 *   must pass `rateLimit.storage` from `resolved.rateLimitStorage` whether or
 *   not rate limiting is enabled, as better-auth adds the table on storage alone.
 */
import type { RateLimitStorage } from "../config/option-specs";
import type { ResolvedConfig } from "../config/resolve";

/** PostgreSQL types better-auth's Kysely migration emits. */
export type SqlType = "text" | "boolean" | "timestamptz" | "integer" | "bigint";

/** The Prisma scalar type each column type maps to. */
export const PRISMA_TYPES: Record<SqlType, string> = {
  text: "String",
  boolean: "Boolean",
  timestamptz: "DateTime",
  integer: "Int",
  bigint: "BigInt",
};

export type AuthColumn = {
  name: string;
  type: SqlType;
  nullable: boolean;
  /** SQL default expression; better-auth only ever uses CURRENT_TIMESTAMP. */
  default: "CURRENT_TIMESTAMP" | null;
  primaryKey: boolean;
  /** An inline UNIQUE constraint, named `<table>_<column>_key` by PostgreSQL. */
  unique: boolean;
  references: { table: string; column: string; onDelete: "cascade" } | null;
};

type AuthIndex = { name: string; columns: string[]; unique: boolean };

export type AuthTable = { name: string; columns: AuthColumn[]; indexes: AuthIndex[] };

type ColumnOptions = Partial<Omit<AuthColumn, "name" | "type">>;

function column(name: string, type: SqlType, options: ColumnOptions = {}): AuthColumn {
  return { name, type, nullable: false, default: null, primaryKey: false, unique: false, references: null, ...options };
}

const id = () => column("id", "text", { primaryKey: true });
const optionalText = (name: string) => column(name, "text", { nullable: true });
const optionalTime = (name: string) => column(name, "timestamptz", { nullable: true });
/** A timestamp better-auth fills with `new Date()` by default, hence a database default. */
const stampedTime = (name: string) => column(name, "timestamptz", { default: "CURRENT_TIMESTAMP" });
const userReference = () => column("userId", "text", { references: { table: "user", column: "id", onDelete: "cascade" } });
const indexOn = (table: string, columnName: string): AuthIndex => ({
  name: `${table}_${columnName}_idx`,
  columns: [columnName],
  unique: false,
});

const USER: AuthTable = {
  name: "user",
  columns: [
    id(),
    column("name", "text"),
    column("email", "text", { unique: true }),
    column("emailVerified", "boolean"),
    optionalText("image"),
    stampedTime("createdAt"),
    stampedTime("updatedAt"),
  ],
  indexes: [],
};

const SESSION: AuthTable = {
  name: "session",
  columns: [
    id(),
    column("expiresAt", "timestamptz"),
    column("token", "text", { unique: true }),
    stampedTime("createdAt"),
    column("updatedAt", "timestamptz"),
    optionalText("ipAddress"),
    optionalText("userAgent"),
    userReference(),
  ],
  indexes: [indexOn("session", "userId")],
};

const ACCOUNT: AuthTable = {
  name: "account",
  columns: [
    id(),
    column("accountId", "text"),
    column("providerId", "text"),
    userReference(),
    optionalText("accessToken"),
    optionalText("refreshToken"),
    optionalText("idToken"),
    optionalTime("accessTokenExpiresAt"),
    optionalTime("refreshTokenExpiresAt"),
    optionalText("scope"),
    optionalText("password"),
    stampedTime("createdAt"),
    column("updatedAt", "timestamptz"),
  ],
  indexes: [indexOn("account", "userId")],
};

/** Email verification, password reset and magic-link tokens all live here. */
const VERIFICATION: AuthTable = {
  name: "verification",
  columns: [
    id(),
    column("identifier", "text"),
    column("value", "text"),
    column("expiresAt", "timestamptz"),
    stampedTime("createdAt"),
    stampedTime("updatedAt"),
  ],
  indexes: [indexOn("verification", "identifier")],
};

/** The jwt plugin's signing keys (private keys encrypted with BETTER_AUTH_SECRET). */
const JWKS: AuthTable = {
  name: "jwks",
  columns: [
    id(),
    column("publicKey", "text"),
    column("privateKey", "text"),
    column("createdAt", "timestamptz"),
    optionalTime("expiresAt"),
    optionalText("alg"),
    optionalText("crv"),
  ],
  indexes: [],
};

/** Database rate-limit storage: one row per client key and rule. */
const RATE_LIMIT: AuthTable = {
  name: "rateLimit",
  columns: [
    id(),
    column("key", "text", { unique: true }),
    column("count", "integer"),
    // Milliseconds since the epoch: does not fit an integer.
    column("lastRequest", "bigint"),
  ],
  indexes: [],
};

/** What decides the set of tables: the plugins that add one, and where rate-limit counters live. */
export type AuthSchemaFacts = { jwtPlugin: boolean; rateLimitStorage: RateLimitStorage };

/** The facts of a Sidecar configuration: JWT validation uses the jwt plugin. */
export function authSchemaFacts(config: ResolvedConfig): AuthSchemaFacts {
  return { jwtPlugin: config.session.validationMethod === "jwt", rateLimitStorage: config.resolved.rateLimitStorage };
}

/** The tables better-auth creates for these facts, in its creation order. */
export function authTables({ jwtPlugin, rateLimitStorage }: AuthSchemaFacts): AuthTable[] {
  return [USER, SESSION, ACCOUNT, VERIFICATION, ...(jwtPlugin ? [JWKS] : []), ...(rateLimitStorage === "database" ? [RATE_LIMIT] : [])];
}

const quote = (identifier: string) => `"${identifier}"`;

/** One column as better-auth's Kysely migration writes it. */
function columnSql(c: AuthColumn): string {
  const parts = [quote(c.name), c.type];
  if (!c.nullable) parts.push("not null");
  if (c.primaryKey) parts.push("primary key");
  if (c.references) {
    parts.push(`references ${quote(c.references.table)} (${quote(c.references.column)}) on delete ${c.references.onDelete}`);
  }
  if (c.unique) parts.push("unique");
  // Kysely prints the default before NOT NULL; kept so the SQL matches byte for byte.
  if (c.default) parts.splice(2, 0, `default ${c.default}`);
  return parts.join(" ");
}

function createTableSql(table: AuthTable, { ifNotExists = false } = {}): string {
  const head = ifNotExists ? "create table if not exists" : "create table";
  return `${head} ${quote(table.name)} (${table.columns.map(columnSql).join(", ")})`;
}

function createIndexSql(table: AuthTable, index: AuthIndex, { ifNotExists = false } = {}): string {
  const head = `create ${index.unique ? "unique " : ""}index${ifNotExists ? " if not exists" : ""}`;
  return `${head} ${quote(index.name)} on ${quote(table.name)} (${index.columns.map(quote).join(", ")})`;
}

/**
 * Every statement that creates these tables: tables first, then indexes, as
 * better-auth orders them. With `ifNotExists`, running them after
 * better-auth's own migrate (or twice) changes nothing.
 */
export function createStatements(tables: AuthTable[], options: { ifNotExists?: boolean } = {}): string[] {
  return [
    ...tables.map((table) => createTableSql(table, options)),
    ...tables.flatMap((table) => table.indexes.map((index) => createIndexSql(table, index, options))),
  ];
}

/** The name PostgreSQL gives an inline UNIQUE constraint (and its index). */
export function uniqueConstraintName(table: AuthTable, c: AuthColumn): string {
  return `${table.name}_${c.name}_key`;
}
