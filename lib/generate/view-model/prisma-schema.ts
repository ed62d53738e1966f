/**
 * The Prisma models of the auth tables, rendered from lib/auth-schema: the
 * same description the backend's Alembic migration is rendered from, so the
 * Prisma variant cannot drift from the tables `npm run migrate` creates.
 *
 * Naming follows what better-auth's Prisma adapter addresses: the model for
 * table `rateLimit` is `RateLimit` (client property `prisma.rateLimit`), field
 * names equal column names, and a table referencing `user` gets a back
 * relation named `<table>s` on `User` (the adapter's join key).
 * Prisma's default constraint names (`<table>_pkey`, `<table>_<column>_key`,
 * `<table>_<column>_fkey`) are PostgreSQL's, so only indexes need `map:`.
 */
import { PRISMA_TYPES, type AuthColumn, type AuthTable } from "../../auth-schema";

const modelName = (table: string) => table.charAt(0).toUpperCase() + table.slice(1);

function fieldLine(column: AuthColumn): string {
  const attributes: string[] = [];
  if (column.primaryKey) attributes.push("@id");
  if (column.unique) attributes.push("@unique");
  if (column.default === "CURRENT_TIMESTAMP") attributes.push("@default(now())");
  // Without @db.Timestamptz Prisma would expect `timestamp(3)`, not better-auth's `timestamptz`.
  if (column.type === "timestamptz") attributes.push("@db.Timestamptz");
  const type = PRISMA_TYPES[column.type] + (column.nullable ? "?" : "");
  return ["  " + column.name, type, ...attributes].join(" ");
}

function relationLines(table: AuthTable, tables: AuthTable[]): string[] {
  const forward = table.columns
    .filter((column) => column.references)
    .map((column) => {
      const target = column.references!;
      const field = target.table;
      return `  ${field} ${modelName(target.table)} @relation(fields: [${column.name}], references: [${target.column}], onDelete: Cascade)`;
    });
  const backward = tables
    .filter((other) => other.columns.some((column) => column.references?.table === table.name))
    .map((other) => `  ${other.name}s ${modelName(other.name)}[]`);
  return [...forward, ...backward];
}

function modelBlock(table: AuthTable, tables: AuthTable[]): string {
  const lines = [
    `model ${modelName(table.name)} {`,
    ...table.columns.map(fieldLine),
    ...relationLines(table, tables),
    "",
    ...table.indexes.map((index) => `  @@${index.unique ? "unique" : "index"}([${index.columns.join(", ")}], map: "${index.name}")`),
    `  @@map("${table.name}")`,
    "}",
  ];
  return lines.join("\n");
}

/** Every model, in the tables' creation order, separated by blank lines. */
export function prismaModels(tables: AuthTable[]): string {
  return tables.map((table) => modelBlock(table, tables)).join("\n\n");
}
