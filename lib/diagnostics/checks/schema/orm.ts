/**
 * SQLAlchemy ORM models of the auth tables (`class Session(Base):
 * __tablename__ = "user_sessions"`): usually a subset of the columns, so only
 * what they declare is compared. A column's name is its explicit first
 * argument, else the attribute name.
 */
import { matchingBracket, pyStructure, splitTopLevel } from "../../source";
import type { ProjectFile } from "../../types";
import { sqlalchemyType } from "./python-tables";
import type { DefinedColumn, DefinedTable } from "./types";

const CLASS = /^class\s+\w+\s*\([^)]*\)\s*:\s*\n((?:[ \t][^\n]*\n|\n)*)/gm;
const TABLENAME = /^[ \t]+__tablename__\s*=\s*(["'])(\w+)\1/m;
const ATTRIBUTE = /^([ \t]+)(\w+)\s*(?::([^=\n]+))?=\s*(?:sa\.|sqlalchemy\.|orm\.)?(Column|mapped_column)\s*\(/gm;
const STRING = /^\s*(["'])(\w+)\1\s*$/;

/** Mapped[str | None] and Optional[...] make a mapped_column nullable. */
const optionalAnnotation = (annotation: string) => /Optional\[|\|\s*None|None\s*\|/.test(annotation);

function ormColumn(file: ProjectFile, structure: string, match: RegExpMatchArray, offset: number): DefinedColumn | undefined {
  const [, indent, attribute, annotation = "", kind] = match;
  const start = offset + match.index! + indent.length;
  const open = offset + match.index! + match[0].length - 1;
  const close = matchingBracket(structure, open, false);
  if (close < 0) return undefined;
  const code = file.content;
  const args = splitTopLevel(structure.slice(open + 1, close)).map((a) => ({
    ...a,
    source: code.slice(open + 1 + a.offset, open + 1 + a.offset + a.text.length),
  }));
  const positional = args.filter((a) => !/^\s*\w+\s*=/.test(a.text) && !/^\s*(?:sa\.)?ForeignKey\(/.test(a.source));
  const explicit = positional[0] && STRING.exec(positional[0].source);
  const typeArg = explicit ? positional[1] : positional[0];
  const keyword = (key: string) => args.find((a) => new RegExp(`^\\s*${key}\\s*=`).test(a.text))?.source;
  const primaryKey = /True/.test(keyword("primary_key") ?? "");
  const nullableArg = keyword("nullable");
  const nullable = nullableArg ? /True/.test(nullableArg) : kind === "mapped_column" && annotation ? optionalAnnotation(annotation) : !primaryKey;
  const nameStart = explicit ? open + 1 + positional[0].offset + positional[0].source.indexOf(explicit[2]) : start;
  const name = explicit ? explicit[2] : attribute;
  const typeStart = typeArg ? open + 1 + typeArg.offset + (typeArg.source.length - typeArg.source.trimStart().length) : open + 1;
  return {
    name,
    // An attribute typed only by its annotation has no precise SQL type to compare.
    type: typeArg ? sqlalchemyType(typeArg.source) : "",
    nullable,
    hasDefault: Boolean(keyword("server_default") ?? keyword("default")),
    nameStart,
    nameEnd: nameStart + name.length,
    typeStart,
    typeEnd: typeArg ? typeStart + typeArg.source.trim().length : typeStart,
    entryStart: start,
    entryEnd: close + 1,
    explicitNameAt: explicit ? undefined : open + 1,
  };
}

export function ormTables(file: ProjectFile): DefinedTable[] {
  const structure = pyStructure(file.content);
  const tables: DefinedTable[] = [];
  for (const cls of file.content.matchAll(CLASS)) {
    const body = cls[1];
    const bodyStart = cls.index + cls[0].length - body.length;
    const tablename = TABLENAME.exec(body);
    if (!tablename) continue;
    const nameStart = bodyStart + tablename.index + tablename[0].lastIndexOf(tablename[2]);
    const columns = [...body.matchAll(ATTRIBUTE)].map((m) => ormColumn(file, structure, m, bodyStart)).filter((c): c is DefinedColumn => !!c);
    tables.push({ path: file.path, form: "orm", name: tablename[2], nameStart, nameEnd: nameStart + tablename[2].length, columns, insertAt: bodyStart });
  }
  return tables;
}
