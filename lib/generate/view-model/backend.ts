/** Decisions for `backend/`: the FastAPI service that trusts the auth server. */
import { authSchemaFacts, authTables, createStatements, type AuthTable } from "../../auth-schema";
import type { ResolvedConfig } from "../../config/resolve";
import { envValue, jsonString, pyString, yamlString } from "../encode";

/**
 * Alembic records its own revisions in this table instead of the default
 * `alembic_version`, so the backend's history can never collide with another
 * tool's in the shared database.
 */
const VERSION_TABLE = "backend_alembic_version";

/** The Python that requirements.txt is pinned and tested with: Render's PYTHON_VERSION and the Docker base image. */
const PYTHON_VERSION = "3.11.11";

export function backendView(c: ResolvedConfig) {
  const tables = authTables(authSchemaFacts(c));
  const corsOrigins = c.cors.origins.join(",");
  return {
    port: c.resolved.backendPort,
    pythonVersion: PYTHON_VERSION,
    versionTable: pyString(VERSION_TABLE),
    /** Python string literals of the auth tables, which Alembic must never drop or alter. */
    authTableNames: tables.map((t) => ({ name: pyString(t.name) })),
    /** The first migration: better-auth's own DDL, guarded so either migrate order works. */
    authTableStatements: createStatements(tables, { ifNotExists: true }).map((sql) => ({ sql: pyString(sql) })),
    /** What the migration test expects in information_schema, column by column. */
    authColumns: tables.flatMap(columnsOf),
    env: {
      corsOrigins: envValue(corsOrigins),
      authServerUrl: envValue(`http://localhost:${c.resolved.authServerPort}`),
    },
    yaml: {
      serviceName: yamlString(`${c.projectName}-api`),
      corsOrigins: yamlString(corsOrigins),
    },
    json: {
      corsOrigins: jsonString(corsOrigins),
    },
  };
}

function columnsOf(table: AuthTable) {
  return table.columns.map((column) => ({
    table: pyString(table.name),
    column: pyString(column.name),
    // information_schema spells the types out in full.
    dataType: pyString(INFORMATION_SCHEMA_TYPES[column.type]),
    nullable: column.nullable ? "True" : "False",
  }));
}

const INFORMATION_SCHEMA_TYPES = {
  text: "text",
  boolean: "boolean",
  timestamptz: "timestamp with time zone",
  integer: "integer",
  bigint: "bigint",
} as const;
