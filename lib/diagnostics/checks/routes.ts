/**
 * Where the auth server registers its routes: the better-auth catch-all, the
 * custom /api/auth routes and global body parsers, found in each JS/TS file of
 * the auth server. Shared by the route-ordering check and its fix.
 */
import { authServerRoots, dependencyVersion, fileAt, filesUnder, isTestFile, JS_SOURCE } from "../project";
import { maskJsComments, matchingBracket, statementAt } from "../source";
import type { ProjectFile } from "../types";

export type Registration = {
  method: string;
  /** The first path literal among the arguments ("" when none). */
  path: string;
  /** Offset of the path literal's first character inside the file ("-1" when none). */
  pathOffset: number;
  args: string;
  start: number;
  end: number;
  kind: "catch-all" | "custom" | "body-parser" | "other";
};

const REGISTRATION = /\b[A-Za-z_$][\w$]*\.(get|post|put|patch|delete|all|use|on|route)\s*\(/g;
const PATH_LITERAL = /(["'`])(\/[^"'`\s]*)\1/;
const HANDLER = /toNodeHandler\s*\(|\bhandleAuthRequest\s*\(|\bauth\.handler\b|\.handler\s*\(\s*c\.req\.raw/;
const BODY_PARSER = /^\s*(?:express|bodyParser)\.(?:json|urlencoded|text|raw)\s*\([^)]*\)\s*$|^\s*(?:json|urlencoded)\s*\(\s*\)\s*$/;

/** The catch-all pattern better-auth is mounted on: "/api/auth/*", "/api/auth/*splat", "/api/auth/{*any}", "/api/auth/**". */
const isCatchAllPath = (path: string) => /^\/api\/auth\/(?:\*\w*|\{\*\w+\}|\*\*)$/.test(path);

function classify(method: string, path: string, args: string): Registration["kind"] {
  if (HANDLER.test(args) && (isCatchAllPath(path) || path === "/api/auth")) return "catch-all";
  if (path.startsWith("/api/auth")) return "custom";
  const onlyArgument = args.slice(args.indexOf("(") + 1, args.lastIndexOf(")"));
  if (method === "use" && (path === "" || path === "/") && BODY_PARSER.test(onlyArgument.replace(/^\s*(["'`])\/\1\s*,/, ""))) return "body-parser";
  return "other";
}

export function registrations(file: ProjectFile): Registration[] {
  const code = maskJsComments(file.content);
  const found: Registration[] = [];
  for (const match of code.matchAll(REGISTRATION)) {
    const index = match.index;
    if (found.some((r) => index >= r.start && index < r.end)) continue;
    const range = statementAt(code, index);
    if (!range) continue;
    const open = code.indexOf("(", index);
    const args = code.slice(open, matchingBracket(code, open) + 1);
    const literal = PATH_LITERAL.exec(args);
    const path = literal?.[2] ?? "";
    const method = match[1];
    found.push({
      method,
      path,
      pathOffset: literal ? open + literal.index + 1 : -1,
      args,
      start: range.start,
      end: range.end,
      kind: classify(method, path, args),
    });
  }
  return found;
}

export type RouteFile = { file: ProjectFile; express: boolean; expressMajor: number | undefined; routes: Registration[] };

/** Every auth-server source file that mounts the better-auth handler. */
export function routeFiles(files: readonly ProjectFile[]): RouteFile[] {
  return authServerRoots(files).flatMap((root) => {
    const pkg = fileAt(files, `${root}package.json`)!;
    const version = dependencyVersion(pkg, "express");
    const major = version ? Number(/\d+/.exec(version)?.[0]) : undefined;
    return filesUnder(files, root, JS_SOURCE)
      .filter((f) => !isTestFile(f.path))
      .map((file) => ({
        file,
        express: /from\s+["']express["']|require\(\s*["']express["']\s*\)/.test(file.content),
        expressMajor: Number.isFinite(major) ? major : undefined,
        routes: registrations(file),
      }))
      .filter((rf) => rf.routes.some((r) => r.kind === "catch-all"));
  });
}
