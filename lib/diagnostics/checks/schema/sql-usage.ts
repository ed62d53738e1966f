/**
 * The SQL the backend runs: table and alias-qualified column references in
 * Python string literals that look like queries.
 */
import { decodePyString, pythonStrings, type OffsetMap } from "../../source";
import type { ProjectFile } from "../../types";
import { unquote } from "./python-tables";

type TableReference = { name: string; quoted: boolean; start: number; end: number; alias?: string };
type ColumnReference = { table: string; name: string; quoted: boolean; start: number; end: number };
export type Query = { tables: TableReference[]; columns: ColumnReference[]; delimiter: string };

const QUERY = /\b(?:select|insert\s+into|update|delete\s+from)\b/i;
const TABLE_REF =
  /\b(from|join|update|into)\s+((?:"?\w+"?\.)?)("[^"]+"|\w+)(?:\s+(?:as\s+)?(?!where\b|on\b|set\b|join\b|left\b|inner\b|right\b|order\b|group\b|limit\b|using\b|values\b|returning\b)(\w+))?/gi;
const QUALIFIED = /\b(\w+)\.("[^"]+"|\w+)/g;

function parseQuery(text: string, map: OffsetMap, delimiter: string): Query {
  const tables: TableReference[] = [];
  for (const m of text.matchAll(TABLE_REF)) {
    const at = m.index + m[0].indexOf(m[3], m[1].length + m[2].length);
    tables.push({ name: unquote(m[3]), quoted: m[3].startsWith('"'), start: map.start(at), end: map.end(at + m[3].length), alias: m[4] });
  }
  const columns: ColumnReference[] = [];
  for (const m of text.matchAll(QUALIFIED)) {
    const table = tables.find((t) => t.alias === m[1] || (!t.alias && t.name === m[1]));
    if (!table) continue;
    const at = m.index + m[1].length + 1;
    columns.push({ table: table.name, name: unquote(m[2]), quoted: m[2].startsWith('"'), start: map.start(at), end: map.end(at + m[2].length) });
  }
  return { tables, columns, delimiter };
}

/** A string standing alone after a `def …:`/`class …:` line or at the top of the file documents, it does not query. */
function isDocstring(code: string, start: number): boolean {
  const lineStart = code.lastIndexOf("\n", start - 1) + 1;
  if (code.slice(lineStart, start).trim() !== "") return false;
  const before = code.slice(0, lineStart).trimEnd();
  return before === "" || before.endsWith(":");
}

export function queriesIn(file: ProjectFile): Query[] {
  return pythonStrings(file.content)
    .filter((s) => QUERY.test(s.value) && /\b(?:from|into|update)\b/i.test(s.value) && !isDocstring(file.content, s.start))
    .map((s) => {
      const { text, map } = decodePyString(file.content, s);
      return parseQuery(text, map, s.delimiter);
    });
}
