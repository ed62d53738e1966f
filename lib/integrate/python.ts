/**
 * Just enough Python reading for discovery: module names from paths, string
 * literals, and where a line is. Discovery reads declarations that are
 * written on one line in practice (`app = FastAPI(`, `__tablename__ = "x"`),
 * so line-oriented patterns are enough and keep every finding's line exact.
 */
import type { TextFile } from "./dependencies";

export type PythonFile = TextFile & { module: string; lines: string[] };

const IDENTIFIER = /^[A-Z_]\w*$/i;

/** `src/shop/main.py` → `shop.main` with import root "src"; undefined when a segment is not an identifier. */
export function moduleName(path: string, importRoot: string): string | undefined {
  const relative = importRoot && path.startsWith(`${importRoot}/`) ? path.slice(importRoot.length + 1) : path;
  const parts = relative.replace(/\.py$/, "").split("/");
  if (parts[parts.length - 1] === "__init__") parts.pop();
  return parts.length > 0 && parts.every((part) => IDENTIFIER.test(part)) ? parts.join(".") : undefined;
}

/** Every match of a global pattern with its 1-based line, counted on from the previous match so the whole read stays linear. */
export function matchesWithLines(file: TextFile, pattern: RegExp): { match: RegExpExecArray; line: number }[] {
  const found: { match: RegExpExecArray; line: number }[] = [];
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  let line = 1;
  let counted = 0;
  for (let m = global.exec(file.text); m; m = global.exec(file.text)) {
    for (; counted < m.index; counted++) if (file.text.charCodeAt(counted) === 10) line++;
    found.push({ match: m, line });
    if (m[0].length === 0) global.lastIndex++;
  }
  return found;
}

/** The string literals of a Python list or argument text: `["a", 'b']` → a, b. */
export function stringLiterals(text: string): string[] {
  return [...text.matchAll(/"([^"\\]*)"|'([^'\\]*)'/g)].map((m) => m[1] ?? m[2]);
}

export function imports(file: TextFile, module: string): boolean {
  const escaped = module.replace(/\./g, "\\.");
  // Indentation only, never line breaks, before the keyword: a run of blank lines is not rescanned from each of them.
  return new RegExp(`^[^\\S\\n\\r\\u2028\\u2029]*(from\\s+${escaped}(\\.|\\s)|import\\s+${escaped}(\\.|\\s|$|,))`, "m").test(file.text);
}

/** The name of the function enclosing line `line` (1-based), when the line is indented inside a `def`. */
export function enclosingFunction(file: PythonFile, line: number): { name: string; line: number } | undefined {
  const indent = (s: string) => s.length - s.trimStart().length;
  const own = indent(file.lines[line - 1] ?? "");
  for (let i = line - 2; i >= 0; i--) {
    const text = file.lines[i];
    if (!text.trim() || indent(text) >= own) continue;
    const def = /^\s*(?:async\s+)?def\s+(\w+)\s*\(/.exec(text);
    if (def) return { name: def[1], line: i + 1 };
    if (indent(text) === 0) return undefined;
  }
  return undefined;
}
