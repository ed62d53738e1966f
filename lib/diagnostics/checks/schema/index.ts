/**
 * Schema sync: the auth tables as better-auth will create them (from the auth
 * config, or from the Prisma schema when Prisma owns them) against the tables
 * the backend's migrations create and the SQL the backend runs. Names, types
 * (inet vs text, timestamp vs timestamptz) and nullability must agree, or the
 * first sign-up or session lookup fails at run time.
 */
import { PRISMA_TYPES, type SqlType } from "../../../auth-schema";
import type { Config } from "../../../config/schema";
import { authOptionsText } from "../../auth-options";
import { troubleshooting } from "../../docs";
import { type Edit, fromAnalysis, type Issue } from "../../edits";
import { authServerRoots, backendRoots, fileAt, filesUnder, isTestFile, lineAt, PY_SOURCE } from "../../project";
import { escapeForPython, identityMap } from "../../source";
import type { Check, ProjectFile } from "../../types";
import { camelCase, expectedTables, TABLE_ALIASES, type ExpectedTable } from "./expected";
import { ormTables } from "./orm";
import { prismaTables } from "./prisma";
import { pythonTables, sqlTables } from "./python-tables";
import { queriesIn } from "./sql-usage";
import type { DefinedColumn, DefinedTable } from "./types";

/** A table as it will physically exist: better-auth's own, or mapped through Prisma. */
type TruthTable = { name: string; logical: string; columns: { name: string; type: string; nullable: boolean }[] };

const isMigration = (path: string) => /(?:^|\/)(?:alembic|migrations?|versions)\//.test(path) || path.endsWith(".sql");
const q = (name: string) => `"${name}"`;
/** Text for inside SQL that may itself sit inside a Python string literal. */
const inSql = (delimiter: string | undefined, text: string) => (delimiter ? escapeForPython(text, delimiter) : text);

/** The Prisma type for a column type read from a project (which may say timestamp without a zone). */
const prismaTypeOf = (type: string) => (Object.hasOwn(PRISMA_TYPES, type) ? PRISMA_TYPES[type as SqlType] : type === "timestamp" ? "DateTime" : "String");

/** Rewrites a Prisma field's type (and native type attribute) to what better-auth stores. */
function prismaFieldEdit(path: string, content: string, field: DefinedColumn, want: { type: string; nullable: boolean }): Edit {
  const line = content.slice(field.entryStart, field.entryEnd);
  const rest = line.slice(field.typeEnd - field.entryStart).replace(/(?<!\s)\s*@db\.\w+(?:\([^)]*\))?/, "");
  const native = want.type === "timestamptz" ? " @db.Timestamptz" : "";
  const head = content.slice(field.entryStart, field.typeStart);
  return { path, start: field.entryStart, end: field.entryEnd, text: `${head}${prismaTypeOf(want.type)}${want.nullable ? "?" : ""}${rest}${native}` };
}

/**
 * With Prisma, Prisma creates the tables: its models are the physical truth
 * wherever they agree with better-auth; where they do not, that is reported
 * here and better-auth's expectation stays the truth for the other files.
 */
function prismaTruth(expected: ExpectedTable[], prisma: DefinedTable[], files: readonly ProjectFile[], issues: Issue[]): TruthTable[] {
  return expected.map((table) => {
    const model = prisma.find((m) => m.modelName === table.name);
    if (!model) {
      issues.push({ file: prisma[0].path, line: 1, message: `The Prisma schema has no model for better-auth's "${table.name}" table` });
      return { name: table.name, logical: table.logical, columns: table.columns };
    }
    const content = fileAt(files, model.path)?.content ?? "";
    const at = (offset: number) => lineAt(content, offset);
    const columns = table.columns.map((c) => {
      const field = model.columns.find((f) => (f.field ?? f.name) === c.name);
      if (!field) {
        const text = `\n  ${c.name} ${prismaTypeOf(c.type)}${c.nullable ? "?" : ""}${c.type === "timestamptz" ? " @db.Timestamptz" : ""}`;
        issues.push({
          file: model.path,
          line: at(model.nameStart),
          message: `Prisma model ${model.modelName} lacks the field ${c.name} that better-auth writes`,
          edits: [{ path: model.path, start: model.insertAt, end: model.insertAt, text }],
        });
        return c;
      }
      const problems = [
        field.nullable !== c.nullable && `is ${field.nullable ? "optional" : "required"} in Prisma but ${c.nullable ? "optional" : "required"} for better-auth`,
        family(field.type) !== family(c.type) && `is ${field.type} in Prisma; better-auth stores ${c.type}`,
      ].filter((p): p is string => !!p);
      if (problems.length === 0) return { name: field.name, type: field.type, nullable: field.nullable };
      issues.push({
        file: model.path,
        line: at(field.entryStart),
        message: `${model.modelName}.${c.name} ${problems.join(", and ")}`,
        edits: [prismaFieldEdit(model.path, content, field, c)],
      });
      return { name: field.name, type: c.type, nullable: c.nullable };
    });
    return { name: model.name, logical: table.logical, columns };
  });
}

/** Types that differ only in precision or length still hold the same values. */
const family = (type: string) => (type === "timestamptz" || type === "timestamp" ? "timestamp" : type);

function truthTables(files: readonly ProjectFile[], config: Config | undefined, issues: Issue[]): TruthTable[] | undefined {
  const code = authOptionsText(files);
  if (!code && !config) return undefined;
  const expected = expectedTables(code, config);
  const usesPrisma = config ? config.stack.orm === "prisma" : /prismaAdapter\s*\(/.test(code);
  const prismaFiles = authServerRoots(files).flatMap((root) => filesUnder(files, root, /\.prisma$/));
  if (!usesPrisma || prismaFiles.length === 0) return expected;
  return prismaTruth(expected, prismaFiles.flatMap(prismaTables), files, issues);
}

function tableFor(truth: TruthTable[], name: string): TruthTable | undefined {
  return truth.find((t) => t.name === name) ?? truth.find((t) => t.logical === TABLE_ALIASES[name] && t.name !== name);
}

function sqlalchemyTypeFor(type: string): string {
  return (
    {
      text: "sa.Text()",
      boolean: "sa.Boolean()",
      timestamptz: "sa.DateTime(timezone=True)",
      timestamp: "sa.DateTime()",
      integer: "sa.Integer()",
      bigint: "sa.BigInteger()",
    }[type] ?? `sa.${type}`
  );
}

function nullabilityEdit(table: DefinedTable, column: DefinedColumn, nullable: boolean, content: string): Edit {
  const entry = content.slice(column.entryStart, column.entryEnd);
  if (table.form === "sqlalchemy" || table.form === "orm") {
    const existing = /nullable\s*=\s*(?:True|False)/.exec(entry);
    if (existing) {
      const start = column.entryStart + existing.index;
      return { path: table.path, start, end: start + existing[0].length, text: `nullable=${nullable ? "True" : "False"}` };
    }
    return { path: table.path, start: column.entryEnd - 1, end: column.entryEnd - 1, text: `, nullable=${nullable ? "True" : "False"}` };
  }
  const notNull = /(?<!\s)\s+not\s+null\b/i.exec(entry);
  if (!nullable) return { path: table.path, start: column.typeEnd, end: column.typeEnd, text: " not null" };
  const start = column.entryStart + (notNull?.index ?? 0);
  return { path: table.path, start, end: start + (notNull?.[0].length ?? 0), text: "" };
}

function newColumnText(table: DefinedTable, column: TruthTable["columns"][number]): string {
  if (table.form === "sqlalchemy") {
    return `,\n        sa.Column(${JSON.stringify(column.name)}, ${sqlalchemyTypeFor(column.type)}, nullable=${column.nullable ? "True" : "False"})`;
  }
  return inSql(table.delimiter, `, ${q(column.name)} ${column.type}${column.nullable ? "" : " not null"}`);
}

/** ORM models declare some columns: each must exist in better-auth's table, with its type and nullability. */
function compareOrm(table: DefinedTable, truth: TruthTable, content: string, issues: Issue[]) {
  const at = (offset: number) => lineAt(content, offset);
  for (const column of table.columns) {
    const want = truth.columns.find((c) => c.name === column.name);
    const label = `"${truth.name}"."${column.name}"`;
    if (!want) {
      const renamed = truth.columns.find((c) => c.name === camelCase(column.name) || c.name.toLowerCase() === column.name.toLowerCase());
      const edit: Edit | undefined =
        renamed &&
        (column.explicitNameAt !== undefined
          ? { path: table.path, start: column.explicitNameAt, end: column.explicitNameAt, text: `${JSON.stringify(renamed.name)}, ` }
          : { path: table.path, start: column.nameStart, end: column.nameEnd, text: renamed.name });
      issues.push({
        file: table.path,
        line: at(column.entryStart),
        message: renamed ? `${label} does not exist: better-auth's column is "${renamed.name}"` : `${label} does not exist in better-auth's table`,
        edits: edit && [edit],
      });
      continue;
    }
    if (column.type && column.type !== want.type) {
      issues.push({
        file: table.path,
        line: at(column.entryStart),
        message: `${label} is ${column.type} here but ${want.type} where better-auth writes it`,
        edits: [{ path: table.path, start: column.typeStart, end: column.typeEnd, text: sqlalchemyTypeFor(want.type) }],
      });
    }
    if (column.nullable !== want.nullable) {
      issues.push({
        file: table.path,
        line: at(column.entryStart),
        message: `${label} is ${column.nullable ? "nullable" : "NOT NULL"} here but ${want.nullable ? "nullable" : "NOT NULL"} for better-auth`,
        edits: [nullabilityEdit(table, column, want.nullable, content)],
      });
    }
  }
}

function compareTable(table: DefinedTable, truth: TruthTable, content: string, issues: Issue[]) {
  if (table.form === "orm") {
    compareOrm(table, truth, content, issues);
    return;
  }
  const at = (offset: number) => lineAt(content, offset);
  const where = { file: table.path };
  const matched = new Set<DefinedColumn>();
  for (const want of truth.columns) {
    const exact = table.columns.find((c) => c.name === want.name);
    const renamed = exact ?? table.columns.find((c) => c.name !== want.name && (camelCase(c.name) === want.name || c.name === want.name.toLowerCase()));
    if (!renamed) {
      issues.push({
        ...where,
        line: at(table.nameStart),
        message: `"${table.name}" lacks the column "${want.name}" (${want.type}${want.nullable ? "" : " not null"}) that better-auth uses`,
        edits: [{ path: table.path, start: table.insertAt, end: table.insertAt, text: newColumnText(table, want) }],
      });
      continue;
    }
    matched.add(renamed);
    const label = `"${truth.name}"."${want.name}"`;
    if (!exact) {
      const quoted = table.form === "sql" && content[renamed.nameStart - 1] !== '"';
      issues.push({
        ...where,
        line: at(renamed.entryStart),
        message: `Column "${renamed.name}" should be "${want.name}": better-auth's columns are camelCase and must be double-quoted in SQL`,
        edits: [{ path: table.path, start: renamed.nameStart, end: renamed.nameEnd, text: quoted ? inSql(table.delimiter, q(want.name)) : want.name }],
      });
    }
    if (renamed.type !== want.type && !(renamed.type === "text" && want.type === "text")) {
      const text = table.form === "sqlalchemy" ? sqlalchemyTypeFor(want.type) : want.type;
      issues.push({
        ...where,
        line: at(renamed.entryStart),
        message: `${label} is ${renamed.type} here but ${want.type} where better-auth writes it`,
        edits: [{ path: table.path, start: renamed.typeStart, end: renamed.typeEnd, text }],
      });
    }
    if (renamed.nullable !== want.nullable) {
      issues.push({
        ...where,
        line: at(renamed.entryStart),
        message: `${label} is ${renamed.nullable ? "nullable" : "NOT NULL"} here but ${want.nullable ? "nullable" : "NOT NULL"} for better-auth`,
        edits: [nullabilityEdit(table, renamed, want.nullable, content)],
      });
    }
  }
  for (const extra of table.columns.filter((c) => !matched.has(c) && !c.nullable && !c.hasDefault)) {
    issues.push({
      ...where,
      line: at(extra.entryStart),
      message: `"${table.name}"."${extra.name}" is NOT NULL without a default: better-auth never writes it, so its inserts fail`,
    });
  }
}

function definedTables(files: readonly ProjectFile[]): { table: DefinedTable; content: string }[] {
  return backendRoots(files).flatMap((root) =>
    filesUnder(files, root, /\.(py|sql)$/)
      .filter((f) => !isTestFile(f.path))
      .flatMap((f) =>
        (f.path.endsWith(".sql") ? sqlTables(f.path, f.content, identityMap()) : [...pythonTables(f), ...ormTables(f)]).map((table) => ({
          table,
          content: f.content,
        })),
      ),
  );
}

function checkDefinitions(files: readonly ProjectFile[], truth: TruthTable[], issues: Issue[]) {
  const defined = definedTables(files).filter(({ table }) => tableFor(truth, table.name));
  for (const { table, content } of defined) {
    const target = tableFor(truth, table.name)!;
    if (target.name !== table.name) {
      const quoted = table.form === "sql" && content[table.nameStart - 1] !== '"';
      issues.push({
        file: table.path,
        line: lineAt(content, table.nameStart),
        message: `${table.form === "orm" ? "Maps" : "Creates"} "${table.name}", but better-auth's table is "${target.name}"`,
        edits: [{ path: table.path, start: table.nameStart, end: table.nameEnd, text: quoted ? inSql(table.delimiter, q(target.name)) : target.name }],
      });
    }
    compareTable(table, target, content, issues);
  }
  const migrations = defined.filter(({ table }) => isMigration(table.path));
  if (migrations.length === 0) return;
  for (const want of truth) {
    if (!migrations.some(({ table }) => tableFor(truth, table.name) === want)) {
      issues.push({
        file: migrations[0].table.path,
        line: 1,
        message: `The migration creates the other auth tables but not "${want.name}", which better-auth needs`,
      });
    }
  }
}

function checkQueries(files: readonly ProjectFile[], truth: TruthTable[], issues: Issue[]) {
  const pyFiles = backendRoots(files).flatMap((root) => filesUnder(files, root, PY_SOURCE));
  for (const file of pyFiles.filter((f) => !isTestFile(f.path) && !isMigration(f.path))) {
    const at = (offset: number) => lineAt(file.content, offset);
    for (const query of queriesIn(file)) {
      for (const ref of query.tables) {
        const target = tableFor(truth, ref.name) ?? truth.find((t) => !ref.quoted && t.name.toLowerCase() === ref.name);
        if (!target) continue;
        const raw = file.content.slice(ref.start, ref.end);
        const needsQuotes = !ref.quoted && (target.name === "user" || target.name !== target.name.toLowerCase());
        if (target.name === ref.name && !needsQuotes) continue;
        issues.push({
          file: file.path,
          line: at(ref.start),
          message:
            target.name === ref.name || target.name.toLowerCase() === ref.name
              ? `${raw} must be written ${q(target.name)}: unquoted it ${target.name === "user" ? "means the current database user" : "is folded to lowercase"}`
              : `Queries ${raw}, but better-auth's table is ${q(target.name)} (relation "${ref.name}" does not exist)`,
          edits: [{ path: file.path, start: ref.start, end: ref.end, text: inSql(query.delimiter, q(target.name)) }],
        });
      }
      for (const ref of query.columns) {
        const target = tableFor(truth, ref.table) ?? truth.find((t) => t.name.toLowerCase() === ref.table);
        if (!target || target.columns.some((c) => c.name === ref.name)) continue;
        const raw = file.content.slice(ref.start, ref.end);
        const want = target.columns.find((c) => c.name === camelCase(raw) || c.name.toLowerCase() === ref.name);
        issues.push({
          file: file.path,
          line: at(ref.start),
          message: want ? `Column ${raw} of ${q(target.name)} must be written ${q(want.name)}` : `${q(target.name)} has no column ${raw}`,
          edits: want ? [{ path: file.path, start: ref.start, end: ref.end, text: inSql(query.delimiter, q(want.name)) }] : undefined,
        });
      }
    }
  }
}

function analyse(files: readonly ProjectFile[], config?: Config): Issue[] {
  const issues: Issue[] = [];
  const truth = truthTables(files, config, issues);
  if (!truth) return issues;
  checkDefinitions(files, truth, issues);
  checkQueries(files, truth, issues);
  return issues;
}

export const schemaSync: Check = {
  id: "schema-sync",
  title: "Schema Sync",
  severity: "error",
  explanation:
    "better-auth writes its own tables (camelCase, double-quoted, text and timestamptz columns). A migration or query that names them differently, types a column inet instead of text, or makes a column NOT NULL that better-auth leaves empty fails at sign-up or session lookup.",
  docs: troubleshooting("database-schema-mismatch"),
  ...fromAnalysis(analyse),
};
