/**
 * The edits made to the app's existing files, each the smallest that works:
 * two lines in the app's module, the added requirements in the dependency
 * file's own style, and `include_object` in Alembic's env.py.
 */
import { normalizeName, pep621Dependencies } from "./dependencies";
import type { Alembic, AppObject, Dependencies } from "./types";

/** A requirement the auth module needs, with the version written when the file pins exactly. */
export type AddedRequirement = { name: string; extras?: string; lowest: string; pinned: string };

export const REQUIREMENTS = {
  pyjwt: { name: "pyjwt", extras: "crypto", lowest: "2.8", pinned: "2.10.1" },
  cryptography: { name: "cryptography", lowest: "41", pinned: "44.0.0" },
  httpx: { name: "httpx", lowest: "0.24", pinned: "0.28.1" },
  asyncpg: { name: "asyncpg", lowest: "0.29", pinned: "0.30.0" },
  psycopgPool: { name: "psycopg-pool", lowest: "3.2", pinned: "3.2.6" },
} as const satisfies Record<string, AddedRequirement>;

/** `line` without its `#` comment: from the first `#` after the line's last line terminator, as `/#.*$/` would strip. */
function withoutComment(line: string): string {
  const start = Math.max(line.lastIndexOf("\n"), line.lastIndexOf("\r"), line.lastIndexOf("\u2028"), line.lastIndexOf("\u2029")) + 1;
  const hash = line.indexOf("#", start);
  return hash < 0 ? line : line.slice(0, hash);
}

/** The index just past the statement starting at `lines[i]`, following parentheses across lines. */
function statementEnd(lines: string[], i: number): number {
  let depth = 0;
  for (let j = i; j < lines.length; j++) {
    for (const c of withoutComment(lines[j])) depth += c === "(" ? 1 : c === ")" ? -1 : 0;
    if (depth <= 0 && !lines[j].trimEnd().endsWith("\\")) return j + 1;
  }
  return lines.length;
}

/** After the last top-level import (keeping a module docstring and `from __future__` first). */
function importInsertionLine(lines: string[]): number {
  let after = 0;
  for (let i = 0; i < lines.length; i++) {
    if (/^(?:from\s+\S+\s+import\b|import\s)/.test(lines[i])) {
      after = statementEnd(lines, i);
      i = after - 1;
    } else if (/^(?:def|class|async\s+def|@|if\s)/.test(lines[i])) break;
  }
  return after;
}

/** The app module with `import sidecar_auth` and `sidecar_auth.install(app)` added. */
export function installInAppModule(source: string, app: AppObject, importLine: string): string {
  const lines = source.split("\n");
  let installAt: number;
  let installLine: string;
  if (app.factory) {
    // Inside the factory, just before it returns the app it built.
    const factoryStart = lines.findIndex((l) => new RegExp(`^\\s*(async\\s+)?def\\s+${app.factory}\\s*\\(`).test(l));
    const indent = /^(\s*)/.exec(lines[factoryStart])![1].length;
    const returnAt = lines.findIndex(
      (l, i) => i > factoryStart && new RegExp(`^\\s+return\\s+${app.variable}\\s*$`).test(l) && /^(\s*)/.exec(l)![1].length > indent,
    );
    if (returnAt === -1)
      throw new IntegrationRefused(
        `${app.file}: the factory ${app.factory}() does not end with \`return ${app.variable}\`; add that line, then integrate again.`,
      );
    installAt = returnAt;
    installLine = `${/^(\s*)/.exec(lines[returnAt])![1]}sidecar_auth.install(${app.variable})`;
  } else {
    // At the end of the module, before a `if __name__ == "__main__":` block, once the app is fully set up.
    const main = lines.findIndex((l) => /^if\s+__name__\s*==/.test(l));
    let end = main === -1 ? lines.length : main;
    while (end > 0 && lines[end - 1].trim() === "") end--;
    installAt = end;
    // Two blank lines after a function or class body, as PEP 8 has it.
    installLine = `${/^\s/.test(lines[end - 1] ?? "") ? "\n\n" : ""}sidecar_auth.install(${app.variable})`;
    if (main !== -1) installLine += "\n";
  }
  const importAt = importInsertionLine(lines);
  if (importAt >= installAt && !app.factory) throw new IntegrationRefused(`${app.file}: cannot place the import before the app is built.`);
  lines.splice(installAt, 0, installLine);
  lines.splice(importAt, 0, importLine);
  return lines.join("\n");
}

function requirementText(r: AddedRequirement, exact: boolean): string {
  const name = r.extras ? `${r.name}[${r.extras}]` : r.name;
  return exact ? `${name}==${r.pinned}` : `${name}>=${r.lowest}`;
}

/** The dependency file with `added` written in its own style (exact pins when every requirement is pinned). */
export function addRequirements(source: string, dependencies: Dependencies, added: readonly AddedRequirement[]): string {
  if (added.length === 0) return source;
  if (dependencies.manager === "requirements") {
    const requirementLines = source.split("\n").filter((l) => /^[A-Z0-9]/i.test(l.trim()));
    const exact = requirementLines.length > 0 && requirementLines.every((l) => /==/.test(l));
    const body = source.endsWith("\n") || source === "" ? source : `${source}\n`;
    return body + added.map((r) => `${requirementText(r, exact)}\n`).join("");
  }
  if (dependencies.manager === "poetry") {
    const table = /^\[tool\.poetry\.dependencies\]\s*$/m.exec(source)!;
    const next = /^\[/m.exec(source.slice(table.index + table[0].length));
    let at = next ? table.index + table[0].length + next.index : source.length;
    while (at > 0 && source[at - 1] === "\n" && source[at - 2] === "\n") at--;
    const lines = added.map((r) => (r.extras ? `${r.name} = { version = "^${r.lowest}", extras = ["${r.extras}"] }\n` : `${r.name} = "^${r.lowest}"\n`));
    return source.slice(0, at) + lines.join("") + source.slice(at);
  }
  const array = pep621Dependencies(source)!;
  const inner = source.slice(array.start, array.end);
  const entryIndent = /\n([ \t]+)["']/.exec(inner)?.[1];
  const exact = array.entries.length > 0 && array.entries.every((e) => /==/.test(e));
  const quote = /'/.test(inner.replace(/"[^"]*"/g, "")) ? "'" : '"';
  const entries = added.map((r) => `${quote}${requirementText(r, exact)}${quote}`);
  const close = array.end - 1;
  if (entryIndent === undefined) {
    // A one-line array: `dependencies = ["fastapi"]`.
    const before = source.slice(array.start, close).trimEnd();
    const separator = before.endsWith("[") ? "" : ", ";
    return source.slice(0, array.start) + before + separator + entries.join(", ") + source.slice(close);
  }
  let lastEntryEnd = close;
  while (lastEntryEnd > array.start && /\s/.test(source[lastEntryEnd - 1])) lastEntryEnd--;
  const needsComma = source[lastEntryEnd - 1] !== "," && source[lastEntryEnd - 1] !== "[";
  const insertion = (needsComma ? "," : "") + entries.map((e) => `\n${entryIndent}${e},`).join("");
  return source.slice(0, lastEntryEnd) + insertion + source.slice(lastEntryEnd);
}

/** Whether the app already depends on `name` (any extras, any version). */
export const hasPackage = (dependencies: Dependencies, name: string) => dependencies.packages.includes(normalizeName(name));

/** env.py passing `include_object` to every `context.configure(...)`, composed with the app's own filter when it has one. */
export function filterAuthTablesInAlembic(source: string, alembic: Alembic, importLine: string): string {
  let edited: string;
  if (alembic.includeObject) {
    edited = source.replace(/include_object\s*=\s*([\w.]+)/g, (_, own: string) => `include_object=sidecar_auth.also_leaving_auth_tables_alone(${own})`);
  } else {
    edited = source.replace(
      /context\.configure\(([^)]*?)target_metadata\s*=\s*([\w.]+)/g,
      (_, head: string, metadata: string) => `context.configure(${head}target_metadata=${metadata}, include_object=sidecar_auth.leave_auth_tables_alone`,
    );
  }
  if (edited === source) throw new IntegrationRefused(`${alembic.envFile}: no context.configure(... target_metadata=...) call to add include_object to.`);
  const lines = edited.split("\n");
  lines.splice(importInsertionLine(lines), 0, importLine);
  return lines.join("\n");
}

/** A reason integration stops, said so the user knows what to do. */
export class IntegrationRefused extends Error {}
