/** Models of a Prisma schema as the tables Prisma creates (names after @map/@@map, PostgreSQL types). */
import type { ProjectFile } from "../../types";
import type { DefinedColumn, DefinedTable } from "./types";

const SCALARS: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  Json: "json",
  Float: "double precision",
  Decimal: "numeric",
};

function prismaType(type: string, attributes: string): string {
  const native = /@db\.(\w+)/.exec(attributes)?.[1];
  if (native) {
    const n = native.toLowerCase();
    if (n === "timestamptz") return "timestamptz";
    if (n === "timestamp") return "timestamp";
    if (n === "varchar" || n === "text" || n === "char") return "text";
    if (n === "inet") return "inet";
    if (n === "uuid") return "uuid";
    return n;
  }
  if (type === "DateTime") return "timestamp";
  return SCALARS[type] ?? type;
}

type ModelBlock = { index: number; header: string; name: string; body: string };

/**
 * `model Name { … }` blocks, each body up to the first `}` that starts a line.
 * The closing brace is searched for once per block found, never again from
 * each later header: a lazy `[\s\S]*?` would rescan the rest of the file from
 * every unclosed header, quadratic in the number of headers.
 */
function* modelBlocks(code: string): Generator<ModelBlock> {
  const header = /^model\s+(\w+)\s*\{/gm;
  const close = /^\}/gm;
  for (let found = header.exec(code); found; found = header.exec(code)) {
    close.lastIndex = header.lastIndex;
    const end = close.exec(code);
    // No `}` starts a line after this header, so none does after any later one.
    if (!end) return;
    yield { index: found.index, header: found[0], name: found[1], body: code.slice(header.lastIndex, end.index) };
    header.lastIndex = end.index + 1;
  }
}

export function prismaTables(file: ProjectFile): DefinedTable[] {
  const code = file.content;
  const tables: DefinedTable[] = [];
  for (const model of modelBlocks(code)) {
    const bodyStart = model.index + model.header.length;
    const body = model.body;
    const mapped = /@@map\(\s*"([^"]+)"\s*\)/.exec(body);
    const columns: DefinedColumn[] = [];
    for (const field of body.matchAll(/^([ \t]*)(\w+)[ \t]+(\w+)(\[\])?(\?)?([^\w\n][^\n]*)?$/gm)) {
      const [, indent, name, type, list, optional, attributes = ""] = field;
      if (list || !(type in SCALARS || type === "DateTime")) continue;
      const column = /@map\(\s*"([^"]+)"\s*\)/.exec(attributes)?.[1] ?? name;
      const start = bodyStart + field.index + indent.length;
      const typeStart = start + field[0].slice(indent.length).indexOf(type, name.length);
      columns.push({
        name: column,
        field: name,
        type: prismaType(type, attributes),
        nullable: Boolean(optional),
        hasDefault: /@default\(|@updatedAt/.test(attributes),
        nameStart: start,
        nameEnd: start + name.length,
        typeStart,
        typeEnd: typeStart + type.length + (optional ? 1 : 0),
        entryStart: start,
        entryEnd: start + field[0].length - indent.length,
      });
    }
    const nameStart = model.index + model.header.indexOf(model.name);
    tables.push({
      path: file.path,
      form: "prisma",
      name: mapped?.[1] ?? model.name,
      nameStart,
      nameEnd: nameStart + model.name.length,
      columns,
      insertAt: bodyStart,
      modelName: model.name[0].toLowerCase() + model.name.slice(1),
    });
  }
  return tables;
}
