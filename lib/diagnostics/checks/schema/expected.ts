/**
 * The auth tables better-auth will create for this project, from the Sidecar
 * config when there is one, else read off the auth config file: the jwt plugin
 * adds `jwks`, database rate-limit storage adds `rateLimit`, and `modelName` /
 * `fields` options rename tables and columns.
 */
import { authSchemaFacts, authTables, type AuthSchemaFacts, type AuthTable } from "../../../auth-schema";
import { resolveConfig } from "../../../config/resolve";
import type { Config } from "../../../config/schema";
import { matchingBracket } from "../../source";

type ExpectedColumn = { name: string; logical: string; type: string; nullable: boolean };
export type ExpectedTable = { name: string; logical: string; columns: ExpectedColumn[] };

/** The object literal following `key:` in the code, or "". */
function objectAfter(code: string, key: RegExp): string {
  const match = key.exec(code);
  if (!match) return "";
  const open = code.indexOf("{", match.index + match[0].length - 1);
  if (open < 0 || /\S/.test(code.slice(match.index + match[0].length, open))) return "";
  const close = matchingBracket(code, open);
  return close < 0 ? "" : code.slice(open, close + 1);
}

function rename(table: AuthTable, code: string): ExpectedTable {
  const options = objectAfter(code, new RegExp(`\\b${table.name}\\s*:`, "g"));
  const modelName = /modelName\s*:\s*["'`](\w+)["'`]/.exec(options)?.[1];
  const fields = objectAfter(options, /\bfields\s*:/g);
  const fieldName = (name: string) => new RegExp(`\\b${name}\\s*:\\s*["'\`](\\w+)["'\`]`).exec(fields)?.[1] ?? name;
  return {
    name: modelName ?? table.name,
    logical: table.name,
    columns: table.columns.map((c) => ({ name: fieldName(c.name), logical: c.name, type: c.type, nullable: c.nullable })),
  };
}

function factsFromAuthFile(code: string): AuthSchemaFacts {
  const rateLimit = objectAfter(code, /\brateLimit\s*:/g);
  return {
    jwtPlugin: /\bjwt\s*\(/.test(code),
    rateLimitStorage: /storage\s*:\s*["'`]database["'`]/.test(rateLimit) ? "database" : "memory",
  };
}

/** `code`: the auth options' source with comments removed (see authOptionsText). */
export function expectedTables(code: string, config?: Config): ExpectedTable[] {
  // The auth options as written decide the tables; a recorded config stands in only when there are none.
  const facts = code || !config ? factsFromAuthFile(code) : authSchemaFacts(resolveConfig(config));
  return authTables(facts).map((t) => rename(t, code));
}

/** Names people give the auth tables by hand, mapped to better-auth's models. */
export const TABLE_ALIASES: Record<string, string> = {
  users: "user",
  user_sessions: "session",
  sessions: "session",
  user_session: "session",
  accounts: "account",
  user_accounts: "account",
  verifications: "verification",
  verification_tokens: "verification",
  rate_limit: "rateLimit",
  rate_limits: "rateLimit",
  ratelimit: "rateLimit",
};

export const camelCase = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
