/**
 * Finding one's way around a project by content rather than by fixed paths:
 * uploaded projects keep their auth server and backend wherever they like, so
 * the auth server is the folder whose package.json depends on better-auth and
 * the backend is the folder whose dependencies name FastAPI.
 */
import type { ProjectFile } from "./types";

export const dirOf = (path: string) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "");
export const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);
export const isUnder = (path: string, dir: string) => path.startsWith(dir);

/** 1-based line number of a character offset. */
export function lineAt(content: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < content.length; i++) if (content.charCodeAt(i) === 10) line++;
  return line;
}

export function fileAt(files: readonly ProjectFile[], path: string): ProjectFile | undefined {
  return files.find((f) => f.path === path);
}

const IGNORED_DIRS = /(?:^|\/)(?:node_modules|\.git|\.venv|venv|__pycache__|dist|build|\.next)\//;

export function sourceFiles(files: readonly ProjectFile[], extensions: RegExp): ProjectFile[] {
  return files.filter((f) => extensions.test(f.path) && !IGNORED_DIRS.test(f.path));
}

export const JS_SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
export const PY_SOURCE = /\.py$/;

/** Tests hold made-up secrets and deliberately broken inputs on purpose. */
export function isTestFile(path: string): boolean {
  return (
    /(?:^|\/)(?:tests?|__tests__|e2e)\//.test(path) || /\.(?:test|spec)\.[a-z]+$/.test(path) || /(?:^|\/)(?:test_[^/]*|[^/]*_test|conftest)\.py$/.test(path)
  );
}

/** No configuration file the checks read is larger or deeper; beyond, the file is treated as unreadable JSON. */
const MAX_JSON_BYTES = 1024 * 1024;
const MAX_JSON_DEPTH = 64;

/** Whether brackets nest deeper than the bound, outside strings: one linear pass. */
function nestsTooDeep(content: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === "]" || c === "}") depth--;
  }
  return false;
}

const parsedJson = new Map<string, unknown>();

/** The parsed JSON, or undefined when it is invalid, too large or too deep. Parsed once per text: checks ask often. */
export function parseJson(content: string): unknown {
  if (parsedJson.has(content)) return parsedJson.get(content);
  let value: unknown;
  if (content.length <= MAX_JSON_BYTES && !nestsTooDeep(content)) {
    try {
      value = JSON.parse(content);
    } catch {
      value = undefined;
    }
  }
  if (parsedJson.size > 200) parsedJson.clear();
  parsedJson.set(content, value);
  return value;
}

type PackageJson = { type?: unknown; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };

export function dependencyVersion(pkg: ProjectFile, name: string): string | undefined {
  const json = parseJson(pkg.content) as PackageJson | undefined;
  return json?.dependencies?.[name] ?? json?.devDependencies?.[name];
}

/** better-auth's browser entry points: `better-auth/client`, its plugins, and the framework bindings. */
const CLIENT_IMPORT = /from\s*["']better-auth\/(?:client|react|vue|svelte|solid)\b/;
const SERVER_INSTANCE = /\bbetterAuth\s*\(/;

/**
 * A frontend package: it imports better-auth's client and never creates a
 * server instance. It depends on better-auth too, but is no auth server.
 */
function isClientPackage(files: readonly ProjectFile[], root: string): boolean {
  const sources = filesUnder(files, root, JS_SOURCE);
  return sources.some((f) => CLIENT_IMPORT.test(f.content)) && !sources.some((f) => SERVER_INSTANCE.test(f.content));
}

/** The folder ("" for the root, else ending in "/") of each package.json that depends on better-auth to serve it. */
export function authServerRoots(files: readonly ProjectFile[]): string[] {
  return sourceFiles(files, /(?:^|\/)package\.json$/)
    .filter((pkg) => dependencyVersion(pkg, "better-auth") !== undefined)
    .map((pkg) => dirOf(pkg.path))
    .filter((root) => !isClientPackage(files, root));
}

/** The folder of the FastAPI backend: where requirements.txt or pyproject.toml name fastapi, else where FastAPI() is created. */
export function backendRoots(files: readonly ProjectFile[]): string[] {
  const manifests = sourceFiles(files, /(?:^|\/)(?:requirements[^/]*\.txt|pyproject\.toml)$/).filter((f) =>
    /^[^\S\n\r\u2028\u2029]*["']?fastapi\b/im.test(f.content),
  );
  const roots = new Set(manifests.map((f) => dirOf(f.path)));
  if (roots.size === 0) {
    for (const f of sourceFiles(files, PY_SOURCE)) {
      if (/\bFastAPI\s*\(/.test(f.content)) roots.add(topFolderOf(f.path));
    }
  }
  return [...roots];
}

/** "backend/src/main.py" → "backend/"; a root-level file → "". */
function topFolderOf(path: string): string {
  return path.includes("/") ? path.slice(0, path.indexOf("/") + 1) : "";
}

export function filesUnder(files: readonly ProjectFile[], root: string, extensions: RegExp): ProjectFile[] {
  return sourceFiles(files, extensions).filter((f) => isUnder(f.path, root));
}

export function isEnvFile(path: string): boolean {
  return /^\.env(?:$|\.)/.test(baseName(path)) && !IGNORED_DIRS.test(path);
}

export type EnvEntry = { key: string; value: string; line: number };

const ENV_KEY = /[A-Z_]\w*/iy;
const isSpace = (c: string | undefined) => c !== undefined && c.trim() === "" && c !== "";

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (isSpace(text[i])) i++;
  return i;
}

/** A value as dotenv reads it: surrounding quotes removed, else an unquoted ` # comment` cut off. */
function envValueOf(raw: string): string {
  const value = raw.trimEnd();
  const first = value[0];
  if (value.length >= 2 && (first === '"' || first === "'") && value[value.length - 1] === first) return value.slice(1, -1);
  for (let i = 1; i < value.length; i++) if (value[i] === "#" && isSpace(value[i - 1])) return value.slice(0, i).trimEnd();
  return value;
}

/** One `KEY=value` line (optionally `export KEY=value`), or undefined. Scanned by hand: linear in the line. */
function envLine(raw: string): { key: string; value: string } | undefined {
  let i = skipSpaces(raw, 0);
  if (raw.startsWith("export", i) && isSpace(raw[i + 6])) {
    const afterExport = skipSpaces(raw, i + 6);
    if (envKeyAt(raw, afterExport)) i = afterExport;
  }
  const key = envKeyAt(raw, i);
  if (!key) return undefined;
  i = skipSpaces(raw, i + key.length);
  if (raw[i] !== "=") return undefined;
  return { key, value: envValueOf(raw.slice(skipSpaces(raw, i + 1))) };
}

function envKeyAt(text: string, at: number): string | undefined {
  ENV_KEY.lastIndex = at;
  return ENV_KEY.exec(text)?.[0];
}

/** KEY=value lines of a dotenv file; quotes removed, comments and blank lines skipped. */
export function parseEnv(content: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  content.split("\n").forEach((raw, index) => {
    const found = envLine(raw);
    if (found) entries.push({ ...found, line: index + 1 });
  });
  return entries;
}

/** Sets KEY=value in a dotenv file, replacing the first existing line or appending one. */
export function setEnvValue(content: string, key: string, value: string): string {
  const lines = content.split("\n");
  const index = lines.findIndex((line) => new RegExp(`^\\s*(?:export\\s+)?${key}\\s*=`).test(line));
  if (index >= 0) {
    lines[index] = `${key}=${value}`;
    return lines.join("\n");
  }
  const body = content.endsWith("\n") || content === "" ? content : `${content}\n`;
  return `${body}${key}=${value}\n`;
}

export function envValue(file: ProjectFile | undefined, key: string): EnvEntry | undefined {
  return file ? parseEnv(file.content).find((e) => e.key === key) : undefined;
}

/** "a, b,c" → ["a","b","c"]; also accepts a JSON array. */
export function splitList(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed.startsWith("[")) {
    const parsed = parseJson(trimmed);
    if (Array.isArray(parsed)) return parsed.map(String);
  }
  return trimmed
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Every `allow_origins=[...]` list of a Python file: the text between the
 * brackets and where the list starts and ends. The closing `]` is searched
 * once per stretch of text, so a file of unclosed lists stays linear.
 */
export function allowOriginsLists(code: string): { start: number; end: number; inner: string }[] {
  const lists: { start: number; end: number; inner: string }[] = [];
  let close = -1;
  for (const m of code.matchAll(/allow_origins\s*=\s*\[/g)) {
    const start = m.index + m[0].length - 1;
    if (close < start) close = code.indexOf("]", start);
    if (close < 0) break;
    lists.push({ start, end: close + 1, inner: code.slice(start + 1, close) });
  }
  return lists;
}

/** Replaces the files that changed, keeping order; new paths are appended. */
export function withChanges(files: readonly ProjectFile[], changed: readonly ProjectFile[]): ProjectFile[] {
  const updates = new Map(changed.map((f) => [f.path, f.content]));
  const result = files.map((f) => (updates.has(f.path) ? { path: f.path, content: updates.get(f.path)! } : f));
  for (const f of changed) if (!files.some((g) => g.path === f.path)) result.push(f);
  return result;
}
