/**
 * Tables defined in Python: `op.create_table("name", sa.Column(...), …)`,
 * `sa.Table("name", metadata, sa.Column(...))`, and `CREATE TABLE` statements
 * inside string literals (op.execute, raw SQL).
 */
import { decodePyString, matchingBracket, pyStructure, pythonStrings, splitTopLevel, type OffsetMap } from "../../source";
import type { ProjectFile } from "../../types";
import { normalizeSqlType, type DefinedColumn, type DefinedTable } from "./types";

const TABLE_CALL = /\b(?:op\.create_table|(?:sa\.|sqlalchemy\.)?Table)\s*\(/g;
const STRING_ARG = /^\s*[rbuf]*(["'])([^"']*)\1\s*$/i;

export function sqlalchemyType(expression: string): string {
  const e = expression.trim();
  const name = /\b\d*([A-Z_]\w*)\s*(?:\(|$)/i.exec(e.replace(/^.*\./, ""))?.[1] ?? e;
  const withZone = /timezone\s*=\s*True/.test(e);
  switch (name.toLowerCase()) {
    case "text":
    case "string":
    case "unicode":
    case "unicodetext":
    case "varchar":
    case "citext":
      return "text";
    case "boolean":
      return "boolean";
    case "datetime":
    case "timestamp":
      return withZone ? "timestamptz" : "timestamp";
    case "integer":
    case "smallinteger":
      return "integer";
    case "biginteger":
      return "bigint";
    case "json":
    case "jsonb":
      return "json";
    default:
      return name.toLowerCase();
  }
}

function columnFromCall(code: string, structure: string, start: number): DefinedColumn | undefined {
  const open = structure.indexOf("(", start);
  const close = matchingBracket(structure, open, false);
  if (open < 0 || close < 0) return undefined;
  const args = splitTopLevel(structure.slice(open + 1, close));
  const original = (p: { text: string; offset: number }) => code.slice(open + 1 + p.offset, open + 1 + p.offset + p.text.length);
  const positional = args.filter((a) => !/^\s*\w+\s*=/.test(a.text));
  const nameArg = positional[0] && STRING_ARG.exec(original(positional[0]));
  const typeArg = positional[1];
  if (!nameArg || !typeArg) return undefined;
  const keyword = (key: string) => args.find((a) => new RegExp(`^\\s*${key}\\s*=`).test(a.text));
  const nullableArg = keyword("nullable");
  const primaryKey = /True/.test(keyword("primary_key")?.text ?? "");
  const nullable = nullableArg ? /True/.test(original(nullableArg)) : !primaryKey;
  const nameStart = open + 1 + positional[0].offset + original(positional[0]).indexOf(nameArg[1]) + 1;
  const typeText = original(typeArg);
  const typeStart = open + 1 + typeArg.offset + (typeText.length - typeText.trimStart().length);
  return {
    name: nameArg[2],
    type: sqlalchemyType(typeText),
    nullable,
    hasDefault: Boolean(keyword("server_default") ?? keyword("default")),
    nameStart,
    nameEnd: nameStart + nameArg[2].length,
    typeStart,
    typeEnd: typeStart + typeText.trim().length,
    entryStart: start,
    entryEnd: close + 1,
  };
}

function sqlalchemyTables(file: ProjectFile): DefinedTable[] {
  const code = file.content;
  const structure = pyStructure(code);
  const tables: DefinedTable[] = [];
  for (const match of structure.matchAll(TABLE_CALL)) {
    const open = match.index + match[0].length - 1;
    const close = matchingBracket(structure, open, false);
    if (close < 0) continue;
    const args = splitTopLevel(structure.slice(open + 1, close));
    const first = args[0] && STRING_ARG.exec(code.slice(open + 1 + args[0].offset, open + 1 + args[0].offset + args[0].text.length));
    if (!first) continue;
    const nameStart = code.indexOf(first[2], open + 1 + args[0].offset);
    const columns = args
      .filter((a) => /^\s*(?:sa\.|sqlalchemy\.)?Column\s*\(/.test(a.text))
      .map((a) => columnFromCall(code, structure, open + 1 + a.offset + (a.text.length - a.text.trimStart().length)))
      .filter((c): c is DefinedColumn => !!c);
    const lastColumn = columns.at(-1);
    tables.push({
      path: file.path,
      form: "sqlalchemy",
      name: first[2],
      nameStart,
      nameEnd: nameStart + first[2].length,
      columns,
      insertAt: lastColumn ? lastColumn.entryEnd : close,
    });
  }
  return tables;
}

const CREATE_TABLE = /create\s+table\s+(?:if\s+not\s+exists\s+)?(?:(?:"[^"]+"|\w+)\.)?("[^"]+"|\w+)\s*\(/gi;
const CONSTRAINT = /^\s*(?:constraint|primary\s+key|unique|foreign\s+key|check|exclude)\b/i;
const TYPE_END = /(?<!\s)\s+(?:not\s+null|null|default|primary\s+key|references|unique|check|constraint|generated|collate)\b/i;

export const unquote = (identifier: string) => (identifier.startsWith('"') ? identifier.slice(1, -1) : identifier.toLowerCase());

/** CREATE TABLE statements inside a text (a SQL file or one decoded string literal); `map` gives file offsets. */
export function sqlTables(path: string, text: string, map: OffsetMap, delimiter = ""): DefinedTable[] {
  const tables: DefinedTable[] = [];
  for (const match of text.matchAll(CREATE_TABLE)) {
    const open = match.index + match[0].length - 1;
    const close = matchingBracket(text, open, false);
    if (close < 0) continue;
    const nameAt = match.index + match[0].lastIndexOf(match[1]);
    const nameQuoted = match[1].startsWith('"') ? 1 : 0;
    const columns: DefinedColumn[] = [];
    for (const part of splitTopLevel(text.slice(open + 1, close))) {
      if (CONSTRAINT.test(part.text)) continue;
      const lead = part.text.length - part.text.trimStart().length;
      const entry = part.text.trim();
      const ident = /^("[^"]+"|\w+)\s+/.exec(entry);
      if (!ident) continue;
      const rest = entry.slice(ident[0].length);
      const typeText = rest.slice(0, TYPE_END.exec(rest)?.index ?? rest.length).trimEnd();
      const entryAt = open + 1 + part.offset + lead;
      const typeAt = entryAt + ident[0].length;
      const quoted = ident[1].startsWith('"') ? 1 : 0;
      columns.push({
        name: unquote(ident[1]),
        type: normalizeSqlType(typeText),
        nullable: !/\bnot\s+null\b|\bprimary\s+key\b/i.test(rest),
        hasDefault: /\bdefault\b|\bgenerated\b/i.test(rest),
        nameStart: map.start(entryAt + quoted),
        nameEnd: map.end(entryAt + ident[1].length - quoted),
        typeStart: map.start(typeAt),
        typeEnd: map.end(typeAt + typeText.length),
        entryStart: map.start(entryAt),
        entryEnd: map.end(entryAt + entry.length),
      });
    }
    tables.push({
      path,
      form: "sql",
      delimiter,
      name: unquote(match[1]),
      nameStart: map.start(nameAt + nameQuoted),
      nameEnd: map.end(nameAt + match[1].length - nameQuoted),
      columns,
      insertAt: columns.at(-1)?.entryEnd ?? map.start(open + 1),
    });
  }
  return tables;
}

export function pythonTables(file: ProjectFile): DefinedTable[] {
  const fromStrings = pythonStrings(file.content).flatMap((s) => {
    const { text, map } = decodePyString(file.content, s);
    return sqlTables(file.path, text, map, s.delimiter);
  });
  return [...sqlalchemyTables(file), ...fromStrings];
}
