/** Normalised PostgreSQL column types, so `sa.Text()`, `String`, `varchar(255)` and `text` compare equal. */
export type ColumnType = string;

export function normalizeSqlType(raw: string): ColumnType {
  const t = raw.trim().toLowerCase().replace(/\s+/g, " ");
  if (/^(?:text|varchar|character varying|char|character|string|citext)\b/.test(t)) return "text";
  if (/^timestamp(?:\s*\(\d+\))?\s+with time zone|^timestamptz/.test(t)) return "timestamptz";
  if (/^timestamp/.test(t)) return "timestamp";
  if (/^(?:bool|boolean)\b/.test(t)) return "boolean";
  if (/^(?:bigint|int8|bigserial)\b/.test(t)) return "bigint";
  if (/^(?:int|integer|int4|serial|smallint)\b/.test(t)) return "integer";
  if (/^jsonb?\b/.test(t)) return "json";
  return t.split("(", 1)[0].trim();
}

/** A table as some file defines it (an Alembic migration, SQLAlchemy metadata, a Prisma model). */
export type DefinedColumn = {
  name: string;
  /** Prisma only: the field name the client (and better-auth) uses, when @map renames the column. */
  field?: string;
  /** ORM only, for a column named by its attribute: where an explicit `"name", ` argument goes. */
  explicitNameAt?: number;
  type: ColumnType;
  nullable: boolean;
  hasDefault: boolean;
  /** Offsets in the file: the name literal, the type expression, the whole entry. */
  nameStart: number;
  nameEnd: number;
  typeStart: number;
  typeEnd: number;
  entryStart: number;
  entryEnd: number;
};

export type DefinedTable = {
  path: string;
  form: "sqlalchemy" | "sql" | "prisma" | "orm";
  /** SQL inside a Python string: its delimiter, so edits can escape quotes ("" for plain SQL files). */
  delimiter?: string;
  name: string;
  nameStart: number;
  nameEnd: number;
  columns: DefinedColumn[];
  /** Where a new column entry can be inserted (before the closing bracket). */
  insertAt: number;
  /** For Prisma: the model's client name (user, session…), which better-auth addresses. */
  modelName?: string;
};
