/**
 * Route ordering: custom /api/auth routes must be registered before
 * better-auth's catch-all (which answers everything under /api/auth), Express 5
 * needs a named wildcard, and no JSON body parser may run before the handler.
 */
import { troubleshooting } from "../docs";
import { lineAt } from "../project";
import type { Check, Finding } from "../types";
import { registrations, routeFiles, type Registration, type RouteFile } from "./routes";

const catchAllOf = (rf: RouteFile) => rf.routes.find((r) => r.kind === "catch-all")!;
const describe = (r: Registration) => `${r.method.toUpperCase()} ${r.path || "(router)"}`;

function lateCustomRoutes(rf: RouteFile): Registration[] {
  const catchAll = catchAllOf(rf);
  return rf.routes.filter((r) => r.kind === "custom" && r.start > catchAll.start);
}

function earlyBodyParsers(rf: RouteFile): Registration[] {
  if (!rf.express) return [];
  const catchAll = catchAllOf(rf);
  return rf.routes.filter((r) => r.kind === "body-parser" && r.start < catchAll.start);
}

/** Express 5 (path-to-regexp 8) rejects a bare "*": "Missing parameter name". */
function hasExpress4Wildcard(rf: RouteFile): boolean {
  return rf.express && (rf.expressMajor === undefined || rf.expressMajor >= 5) && catchAllOf(rf).path === "/api/auth/*";
}

function findingsFor(rf: RouteFile): Finding[] {
  const { file } = rf;
  const catchAll = catchAllOf(rf);
  const at = (offset: number) => lineAt(file.content, offset);
  const findings = lateCustomRoutes(rf).map((r) => ({
    file: file.path,
    line: at(r.start),
    message: `${describe(r)} is registered after the better-auth catch-all (line ${at(catchAll.start)}): better-auth answers first and this route is never reached`,
  }));
  if (hasExpress4Wildcard(rf)) {
    findings.push({
      file: file.path,
      line: at(catchAll.pathOffset),
      message: 'Express 5 does not accept "/api/auth/*" (path-to-regexp: Missing parameter name): use "/api/auth/*splat"',
    });
  }
  for (const r of earlyBodyParsers(rf)) {
    findings.push({
      file: file.path,
      line: at(r.start),
      message: `A body parser is mounted before the better-auth handler (line ${at(catchAll.start)}): it consumes the request body and sign-in requests hang`,
    });
  }
  return findings;
}

const isBodyMethod = (r: Registration) => ["post", "put", "patch"].includes(r.method);
const parserCall = (r: Registration) =>
  r.args
    .slice(1, -1)
    .replace(/^\s*(["'`])\/\1\s*,/, "")
    .trim();

/**
 * Rebuilds the file in one pass: custom routes found after the catch-all move
 * just above it, early body parsers just below it, and custom routes that read
 * a body get that parser as their own middleware instead.
 */
function fixFile(original: RouteFile): string {
  const rf = hasExpress4Wildcard(original) ? withNamedWildcard(original) : original;
  const { content } = rf.file;
  const catchAll = catchAllOf(rf);
  const late = lateCustomRoutes(rf);
  const parsers = earlyBodyParsers(rf);
  const parser = parsers[0] && parserCall(parsers[0]);
  const text = (r: Registration) => content.slice(r.start, r.end);
  const withParser = (r: Registration) => withRouteParser(text(r), r, parser);
  /** What a registration becomes; undefined leaves it as it is. */
  const replacement = (r: Registration): string | undefined => {
    if (r === catchAll) return late.map((l) => `${withParser(l)}\n`).join("") + text(r) + parsers.map(text).join("");
    if (late.includes(r) || parsers.includes(r)) return "";
    return r.kind === "custom" ? withParser(r) : undefined;
  };
  let out = "";
  let cursor = 0;
  for (const r of rf.routes) {
    const next = replacement(r);
    if (next === undefined) continue;
    out += content.slice(cursor, r.start) + next;
    cursor = r.end;
  }
  return out + content.slice(cursor);
}

/** The catch-all's own path literal rewritten in place (not any mention of it in a comment). */
function withNamedWildcard(rf: RouteFile): RouteFile {
  const at = catchAllOf(rf).pathOffset;
  const content = `${rf.file.content.slice(0, at)}/api/auth/*splat${rf.file.content.slice(at + "/api/auth/*".length)}`;
  const file = { path: rf.file.path, content };
  return { ...rf, file, routes: registrations(file) };
}

/** `app.post("/api/auth/x", handler)` → `app.post("/api/auth/x", express.json(), handler)`. */
function withRouteParser(statement: string, r: Registration, parser: string | undefined): string {
  if (!parser || !isBodyMethod(r) || statement.includes(parser)) return statement;
  return statement.replace(/(["'`])\/api\/auth[^"'`]*\1\s*,/, (m) => `${m} ${parser},`);
}

export const routeOrder: Check = {
  id: "route-order",
  title: "Route Ordering",
  severity: "error",
  explanation:
    "better-auth's catch-all answers every request under /api/auth, so custom routes registered after it return 404; Express 5 needs a named wildcard; a JSON body parser in front of better-auth consumes the body it needs.",
  docs: troubleshooting("auth-routes-return-404"),
  check(files) {
    return routeFiles(files).flatMap(findingsFor);
  },
  fix(files) {
    return routeFiles(files)
      .filter((rf) => findingsFor(rf).length > 0)
      .map((rf) => ({ path: rf.file.path, content: fixFile(rf) }));
  },
};
