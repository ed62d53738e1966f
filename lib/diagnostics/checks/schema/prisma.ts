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

export function prismaTables(file: ProjectFile): DefinedTable[] {
  const code = file.content;
  const tables: DefinedTable[] = [];
  for (const model of code.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const bodyStart = model.index + model[0].indexOf("{") + 1;
    const body = model[2];
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
    const nameStart = model.index + model[0].indexOf(model[1]);
    tables.push({
      path: file.path,
      form: "prisma",
      name: mapped?.[1] ?? model[1],
      nameStart,
      nameEnd: nameStart + model[1].length,
      columns,
      insertAt: bodyStart,
      modelName: model[1][0].toLowerCase() + model[1].slice(1),
    });
  }
  return tables;
}
