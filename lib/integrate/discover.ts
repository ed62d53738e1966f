/**
 * Discovery: what an uploaded FastAPI app is made of, read from its source
 * without running it. Each part is a small reader; `discover` joins them and
 * lists every finding with its file and line.
 */
import { BETTER_AUTH_TABLE_NAMES } from "./auth-tables";
import { discoverDependencies, type TextFile } from "./dependencies";
import { enclosingFunction, imports, matchesWithLines, moduleName, stringLiterals, type PythonFile } from "./python";
import type { Alembic, AppObject, AppTable, Cors, DatabaseLayer, DatabaseUrlSource, Discovery, Finding, Lifespan, PackageLayout, Settings } from "./types";

export function discover(texts: readonly TextFile[]): Discovery {
  const importRoot = texts.some((f) => /^src\/[A-Za-z_]\w*\/.*\.py$/.test(f.path)) && !texts.some((f) => f.path === "src/__init__.py") ? "src" : "";
  const python: PythonFile[] = texts
    .filter((f) => f.path.endsWith(".py"))
    .map((f) => ({ ...f, module: moduleName(f.path, importRoot) ?? "", lines: f.text.split("\n") }));
  const app = findApp(python);
  const appFile = app && python.find((f) => f.path === app.file);
  const layout: PackageLayout = importRoot ? "src" : app && app.module.includes(".") ? "app" : "flat";
  const packageName = app && app.module.includes(".") ? app.module.split(".")[0] : "";
  const settings = findSettings(python, texts);
  const prefixes = routerPrefixes(python, settings, appFile);
  const tables = findTables(python);
  const alembic = findAlembic(python, texts);
  const discovery: Discovery = {
    app,
    layout,
    package: packageName,
    importRoot,
    apiPrefix: prefixes.apiPrefix,
    routes: prefixes.routes,
    dependencies: discoverDependencies(texts),
    settings,
    database: findDatabaseLayer(python, texts),
    tables,
    userTable: findUserTable(python, tables),
    sessionDependency: findSessionDependency(python),
    alembic,
    existingAuth: findExistingAuth(python),
    cors: findCors(python),
    lifespan: findLifespan(python, app),
    findings: [],
  };
  discovery.findings = describe(discovery);
  return discovery;
}

const FASTAPI_CALL = /^([ \t]*)([A-Za-z_]\w*)\s*(?::\s*[\w.]+\s*)?=\s*(?:fastapi\.)?FastAPI\(/m;

function importsFastApiClass(file: PythonFile): boolean {
  return (
    /^[^\S\n\r\u2028\u2029]*from\s+fastapi\s+import\s+(?:\S[^\n]*)?\bFastAPI\b/m.test(file.text) || /^[^\S\n\r\u2028\u2029]*import\s+fastapi\b/m.test(file.text)
  );
}

/** The app object: a module-level `app = FastAPI(...)`, or one a factory function builds and returns. */
function findApp(python: readonly PythonFile[]): AppObject | undefined {
  const candidates: AppObject[] = [];
  for (const file of python.filter(importsFastApiClass)) {
    if (!file.module) continue;
    for (const { match, line } of matchesWithLines(file, FASTAPI_CALL)) {
      const [, indent, variable] = match;
      if (!indent) {
        candidates.push({ importString: `${file.module}:${variable}`, module: file.module, variable, file: file.path, line });
        continue;
      }
      const factory = enclosingFunction(file, line);
      if (!factory) continue;
      // A module-level `app = create_app()` makes the factory's result importable as a plain object.
      const built = new RegExp(`^([A-Za-z_]\\w*)\\s*=\\s*${factory.name}\\(`, "m").exec(file.text);
      candidates.push({
        importString: built ? `${file.module}:${built[1]}` : `${file.module}:${factory.name}`,
        module: file.module,
        variable,
        file: file.path,
        line,
        factory: factory.name,
      });
    }
  }
  const score = (a: AppObject) => (a.factory ? 1 : 0) + (/(?:^|\.)main$/.test(a.module) ? 0 : 2) + (/(?:^|\/)tests?\//.test(a.file) ? 10 : 0);
  return candidates.sort((a, b) => score(a) - score(b) || (a.file < b.file ? -1 : 1))[0];
}

const BASE_SETTINGS_CLASS = /^class\s+(\w+)\s*\(\s*(?:[\w.]*\.)?BaseSettings\s*\)\s*:/m;

function findSettings(python: readonly PythonFile[], texts: readonly TextFile[]): Settings {
  const envVariables = new Set<string>();
  let baseSettings: Settings["baseSettings"];
  let databaseUrl: DatabaseUrlSource | undefined;
  const fieldLines = new Map<string, { file: string; line: number }>();
  for (const file of python) {
    const cls = BASE_SETTINGS_CLASS.exec(file.text);
    if (cls && !baseSettings) {
      const classLine = file.text.slice(0, cls.index).split("\n").length;
      const instance = new RegExp(`^(\\w+)\\s*(?::\\s*${cls[1]}\\s*)?=\\s*${cls[1]}\\(\\s*\\)`, "m").exec(file.text);
      baseSettings = {
        className: cls[1],
        module: file.module,
        file: file.path,
        line: classLine,
        instance: instance?.[1],
        pydanticSettings: imports(file, "pydantic_settings"),
      };
    }
    if (cls) {
      const body = classBody(file, file.text.slice(0, cls.index).split("\n").length);
      for (const { text, line } of body) {
        const field = /^\s+([A-Z_]\w*)\s*:[^=]+(?:=(.*))?$/i.exec(text);
        if (!field || field[1] === "model_config" || field[1] === "Config") continue;
        const alias = field[2] && /alias\s*=\s*["']([^"']+)["']/.exec(field[2]);
        const name = alias ? alias[1] : field[1];
        envVariables.add(name);
        fieldLines.set(name, { file: file.path, line });
      }
    }
    for (const { match, line } of matchesWithLines(file, /os\.(?:environ\.get\(|environ\[|getenv\()\s*["']([A-Za-z_]\w*)["']/)) {
      envVariables.add(match[1]);
      if (!fieldLines.has(match[1])) fieldLines.set(match[1], { file: file.path, line });
    }
  }
  const names = [...envVariables];
  const byUpper = (wanted: string) => names.find((n) => n.toUpperCase() === wanted);
  const urlVariable = ["DATABASE_URL", "SQLALCHEMY_DATABASE_URL", "SQLALCHEMY_DATABASE_URI", "DB_URL", "POSTGRES_URL"].map(byUpper).find((n) => n);
  if (urlVariable && fieldLines.has(urlVariable)) {
    databaseUrl = { kind: "url", variable: urlVariable, ...fieldLines.get(urlVariable)! };
  } else {
    const host = byUpper("POSTGRES_SERVER") ?? byUpper("POSTGRES_HOST") ?? byUpper("DB_HOST");
    const user = byUpper("POSTGRES_USER") ?? byUpper("DB_USER");
    const password = byUpper("POSTGRES_PASSWORD") ?? byUpper("DB_PASSWORD");
    const database = byUpper("POSTGRES_DB") ?? byUpper("DB_NAME");
    if (host && user && password && database) {
      const port = byUpper("POSTGRES_PORT") ?? byUpper("DB_PORT");
      databaseUrl = { kind: "parts", variables: { host, port, user, password, database }, ...fieldLines.get(host)! };
    }
  }
  const envFiles = texts
    .map((f) => f.path)
    .filter((p) => /(?:^|\/)\.env(?:\.[\w-]+)?$/.test(p))
    .sort();
  return { baseSettings, envVariables: names.sort(), envFiles, databaseUrl };
}

/** The indented lines of the class starting at `classLine`. */
function classBody(file: PythonFile, classLine: number): { text: string; line: number }[] {
  const body: { text: string; line: number }[] = [];
  for (let i = classLine; i < file.lines.length; i++) {
    const text = file.lines[i];
    if (text.trim() && !/^\s/.test(text)) break;
    body.push({ text, line: i + 1 });
  }
  return body;
}

const API_SEGMENT = /^(?:api|v\d+(?:\.\d+)?|rest)$/i;

/** The prefix every router shares (`/api/v1`), and every path the app serves, for picking a free route name. */
/** The identifier ending `expression` (`settings.API_PREFIX` → API_PREFIX): its trailing word run from the first letter or `_`. */
function trailingIdentifier(expression: string): string | undefined {
  let start = expression.length;
  while (start > 0 && /\w/.test(expression[start - 1])) start--;
  const word = expression.slice(start);
  const first = word.search(/[A-Z_]/i);
  return first < 0 ? undefined : word.slice(first);
}

/**
 * Every name assigned a string at the start of a line (`API_PREFIX: str = "/api/v1"`),
 * the first assignment of each, read in one pass: a fixed pattern tested on one
 * line, none built from the upload's text, so reading stays linear in the size of the app.
 */
function assignedStrings(python: readonly PythonFile[]): Map<string, string> {
  const assigned = new Map<string, string>();
  for (const file of python) {
    for (const line of file.lines) {
      const found = /^\s*([a-z_]\w*)(?:\s*:\s*\w+)?\s*=\s*["']([^"']*)["']/i.exec(line);
      if (found && !assigned.has(found[1])) assigned.set(found[1], found[2]);
    }
  }
  return assigned;
}

function routerPrefixes(python: readonly PythonFile[], settings: Settings, appFile: PythonFile | undefined): { apiPrefix: string; routes: string[] } {
  const assigned = assignedStrings(python);
  const resolve = (expression: string): string | undefined => {
    const literal = /^\s*f?["']([^"']*)["']/.exec(expression);
    if (literal && !literal[0].startsWith("f")) return literal[1];
    const attribute = trailingIdentifier(expression.trim());
    return attribute ? assigned.get(attribute) : undefined;
  };
  const mountPrefixes: string[] = [];
  for (const file of python) {
    for (const { match } of matchesWithLines(file, /\.include_router\([^,)]+,\s*prefix\s*=\s*([^,)]+)/)) {
      const prefix = resolve(match[1]);
      if (prefix !== undefined && file === appFile) mountPrefixes.push(prefix);
    }
  }
  const routes = new Set<string>();
  const routerPrefixList: string[] = [];
  for (const file of python) {
    const own = routerOwnPrefix(file.text);
    const routerPrefix = own !== undefined ? (resolve(own) ?? "") : "";
    if (own !== undefined) routerPrefixList.push(routerPrefix);
    for (const { match } of matchesWithLines(file, /^@(\w+)\.(?:get|post|put|patch|delete|api_route)\(\s*["']([^"']*)["']/m)) {
      const path = `${routerPrefix}${match[2]}`;
      routes.add(path);
      if (file !== appFile) for (const mount of mountPrefixes) routes.add(`${mount}${path}`);
    }
  }
  const apiPrefix = mountPrefixes.length > 0 ? mountPrefixes[0] : commonApiPrefix(routerPrefixList);
  return { apiPrefix: apiPrefix.replace(/(?<!\/)\/+$/, ""), routes: [...routes].sort() };
}

/**
 * The `prefix=` expression of the first `APIRouter(...)` that has one. Each call's
 * arguments are read to their first `)` and the search goes on from there, so no
 * character is read twice however many unclosed calls the file holds.
 */
function routerOwnPrefix(text: string): string | undefined {
  const opener = /APIRouter\(/g;
  for (let m = opener.exec(text); m; m = opener.exec(text)) {
    const end = text.indexOf(")", opener.lastIndex);
    const prefix = /prefix\s*=\s*([^,)]+)/.exec(text.slice(opener.lastIndex, end < 0 ? text.length : end));
    if (prefix) return prefix[1];
    if (end < 0) return undefined;
    opener.lastIndex = end;
  }
  return undefined;
}

function commonApiPrefix(prefixes: string[]): string {
  if (prefixes.length === 0) return "";
  const split = prefixes.map((p) => p.split("/").filter(Boolean));
  const shared: string[] = [];
  for (let i = 0; ; i++) {
    const segment = split[0][i];
    if (segment === undefined || !API_SEGMENT.test(segment) || split.some((s) => s[i] !== segment)) break;
    shared.push(segment);
  }
  return shared.length ? `/${shared.join("/")}` : "";
}

function findDatabaseLayer(python: readonly PythonFile[], texts: readonly TextFile[]): DatabaseLayer {
  const packages = new Set(discoverDependencies(texts)?.packages ?? []);
  const any = (pattern: RegExp) => python.some((f) => pattern.test(f.text));
  const orm = any(/^[^\S\n\r\u2028\u2029]*(?:from|import)\s+sqlmodel\b/m)
    ? "sqlmodel"
    : any(/^[^\S\n\r\u2028\u2029]*(?:from|import)\s+sqlalchemy\b/m)
      ? "sqlalchemy"
      : undefined;
  const driver = packages.has("asyncpg")
    ? "asyncpg"
    : packages.has("psycopg") || packages.has("psycopg-binary")
      ? "psycopg"
      : packages.has("psycopg2") || packages.has("psycopg2-binary")
        ? "psycopg2"
        : undefined;
  return { orm, async: any(/create_async_engine|AsyncSession|sqlalchemy\.ext\.asyncio/), driver };
}

function findTables(python: readonly PythonFile[]): AppTable[] {
  const tables: AppTable[] = [];
  for (const file of python) {
    const migration = /(?:^|\/)versions\/[^/]+\.py$/.test(file.path);
    if (migration) {
      for (const { match, line } of matchesWithLines(file, /op\.create_table\(\s*["']([^"']+)["']/))
        tables.push({ name: match[1], file: file.path, line, source: "migration" });
      continue;
    }
    for (const { match, line } of matchesWithLines(file, /^[^\S\n\r\u2028\u2029]+__tablename__\s*=\s*["']([^"']+)["']/m))
      tables.push({ name: match[1], file: file.path, line, source: "model" });
    for (const { match, line } of matchesWithLines(file, /\bTable\(\s*["']([^"']+)["']\s*,/))
      tables.push({ name: match[1], file: file.path, line, source: "model" });
    for (const { match, line } of matchesWithLines(file, /^class\s+(\w+)\s*\([^)]*\btable\s*=\s*True[^)]*\)\s*:/m)) {
      const body = classBody(file, line)
        .map((l) => l.text)
        .join("\n");
      // SQLModel names a table after its class, lower-cased, unless __tablename__ says otherwise.
      if (!/__tablename__/.test(body)) tables.push({ name: match[1].toLowerCase(), file: file.path, line, source: "model" });
    }
  }
  return tables;
}

/** A model table of users with an email column: the app's own accounts. */
function findUserTable(python: readonly PythonFile[], tables: readonly AppTable[]): Discovery["userTable"] {
  for (const table of tables.filter((t) => t.source === "model" && /^(?:user|users|app_user|accounts?)$/i.test(t.name))) {
    const file = python.find((f) => f.path === table.file)!;
    const classLine = /^class\s/.test(file.lines[table.line - 1]) ? table.line : findClassAbove(file, table.line);
    if (!classLine) continue;
    const model = /^class\s+(\w+)/.exec(file.lines[classLine - 1])![1];
    const email = classBody(file, classLine).find((l) => /^\s+(?:email|email_address)\s*[:=]/.test(l.text));
    if (!email) continue;
    const emailColumn = /^\s+(\w+)/.exec(email.text)![1];
    return { name: table.name, model, module: file.module, emailColumn, file: file.path, line: classLine };
  }
  return undefined;
}

function findClassAbove(file: PythonFile, line: number): number | undefined {
  for (let i = line - 1; i >= 0; i--) if (/^class\s/.test(file.lines[i])) return i + 1;
  return undefined;
}

function findSessionDependency(python: readonly PythonFile[]): Discovery["sessionDependency"] {
  for (const file of python) {
    const found = matchesWithLines(file, /^(async\s+)?def\s+(get_db|get_session|get_db_session|get_async_session)\s*\(/m)[0];
    if (found && file.module) return { name: found.match[2], module: file.module, async: Boolean(found.match[1]), file: file.path, line: found.line };
  }
  return undefined;
}

function findAlembic(python: readonly PythonFile[], texts: readonly TextFile[]): Alembic | undefined {
  const ini = texts.find((f) => /(?:^|\/)alembic\.ini$/.test(f.path));
  const location = ini && /^script_location\s*=\s*(\S+)/m.exec(ini.text)?.[1]?.replace(/^%\(here\)s\/?/, "");
  const env = python.find((f) => (location ? f.path === `${location}/env.py` : /(?:^|\/)(?:alembic|migrations)\/env\.py$/.test(f.path)));
  if (!env) return undefined;
  const directory = env.path.replace(/\/?env\.py$/, "");
  const revisions = new Map<string, string[]>();
  for (const file of python.filter((f) => f.path.startsWith(`${directory}/versions/`))) {
    const revision = /^revision\s*(?::\s*(?:[\w,[\]|][\w[\], |]*| ))?=\s*["']([^"']+)["']/m.exec(file.text)?.[1];
    const down = /^down_revision\s*(?::[^=]+)?=\s*(\S.*)$/m.exec(file.text)?.[1] ?? "None";
    if (revision) revisions.set(revision, stringLiterals(down));
  }
  const parents = new Set([...revisions.values()].flat());
  const target = /^target_metadata\s*=\s*(\S.*)$/m.exec(env.text)?.[1]?.trim();
  return {
    directory,
    iniFile: ini?.path,
    envFile: env.path,
    heads: [...revisions.keys()].filter((r) => !parents.has(r)).sort(),
    targetMetadata: target,
    includeObject: /include_object\s*=/.test(env.text),
  };
}

const AUTH_PATTERNS: { kind: string; pattern: RegExp; message: string }[] = [
  { kind: "oauth2-password-bearer", pattern: /OAuth2PasswordBearer\(/, message: "OAuth2 password flow (OAuth2PasswordBearer)" },
  { kind: "http-bearer", pattern: /\bHTTPBearer\(/, message: "HTTP bearer credentials (HTTPBearer)" },
  { kind: "api-key", pattern: /\bAPIKey(Header|Query|Cookie)\(/, message: "API keys (fastapi.security.APIKey…)" },
  { kind: "fastapi-users", pattern: /^[^\S\n\r\u2028\u2029]*(from|import)\s+fastapi_users\b/m, message: "fastapi-users" },
  { kind: "own-jwt", pattern: /\bjwt\.encode\(/, message: "its own JWTs (jwt.encode)" },
];

function findExistingAuth(python: readonly PythonFile[]): Finding[] {
  const found: Finding[] = [];
  for (const { kind, pattern, message } of AUTH_PATTERNS) {
    for (const file of python) {
      const hit = matchesWithLines(file, pattern)[0];
      if (hit) {
        found.push({ kind, file: file.path, line: hit.line, message: `Existing authentication: ${message}; it keeps working beside better-auth.` });
        break;
      }
    }
  }
  return found;
}

function findCors(python: readonly PythonFile[]): Cors | undefined {
  for (const file of python) {
    const hit = matchesWithLines(file, /add_middleware\(\s*CORSMiddleware\b/)[0];
    if (!hit) continue;
    // The call's arguments, to its closing parenthesis: one scan from the first call, never one per call.
    const start = hit.match.index + hit.match[0].length;
    const list = /allow_origins\s*=\s*(\[[^\]]*\])/.exec(file.text.slice(start, closingParenthesis(file.text, start)));
    const origins = list ? stringLiterals(list[1]) : undefined;
    return { file: file.path, line: hit.line, origins, allowsAll: origins?.includes("*") ?? false };
  }
  return undefined;
}

/** The index of the `)` closing a call whose arguments start at `start` (depth 1), or the text's end. */
function closingParenthesis(text: string, start: number): number {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    depth += text[i] === "(" ? 1 : text[i] === ")" ? -1 : 0;
    if (depth === 0) return i;
  }
  return text.length;
}

function findLifespan(python: readonly PythonFile[], app: AppObject | undefined): Lifespan {
  const appFile = app && python.find((f) => f.path === app.file);
  if (appFile) {
    const call = appFile.text.slice(
      appFile.text
        .split("\n")
        .slice(0, app.line - 1)
        .join("\n").length,
    );
    // The app's own FastAPI( call only, to its first `)`: one scan, whatever else the line holds.
    const own = call.trimStart();
    const opened = own.indexOf("FastAPI(");
    const closed = own.indexOf(")", opened);
    const args = opened < 0 || own.slice(0, opened).includes("\n") ? "" : own.slice(opened, closed < 0 ? own.length : closed);
    const lifespan = /\blifespan\s*=\s*([\w.]+)/.exec(args);
    if (lifespan) return { kind: "lifespan", name: lifespan[1], file: appFile.path, line: app.line };
  }
  for (const file of python) {
    const hit = matchesWithLines(file, /\.on_event\(\s*["'](startup|shutdown)["']|add_event_handler\(|on_startup\s*=/)[0];
    if (hit) return { kind: "events", file: file.path, line: hit.line };
  }
  return { kind: "none" };
}

/** Discovery as a readable list of findings, each pointing at its file and line. */
function describe(d: Discovery): Finding[] {
  const findings: Finding[] = [];
  if (d.app) {
    const how = d.app.factory ? `built by the factory ${d.app.factory}()` : "a module-level object";
    findings.push({ kind: "app", file: d.app.file, line: d.app.line, message: `FastAPI app ${d.app.importString} (${how}), ${d.layout} layout` });
  }
  if (d.dependencies) {
    const versions = `FastAPI ${d.dependencies.fastapi ?? "(any version)"}, pydantic ${d.dependencies.pydanticMajor}`;
    findings.push({
      kind: "dependencies",
      file: d.dependencies.file,
      line: 1,
      message: `Dependencies in ${d.dependencies.file} (${d.dependencies.manager}): ${versions}`,
    });
  }
  const s = d.settings;
  if (s.baseSettings)
    findings.push({
      kind: "settings",
      file: s.baseSettings.file,
      line: s.baseSettings.line,
      message: `Settings class ${s.baseSettings.className}${s.baseSettings.instance ? ` (instance ${s.baseSettings.instance})` : ""}`,
    });
  if (s.databaseUrl) {
    const named = s.databaseUrl.kind === "url" ? s.databaseUrl.variable : Object.values(s.databaseUrl.variables).filter(Boolean).join(", ");
    findings.push({
      kind: "database-url",
      file: s.databaseUrl.file,
      line: s.databaseUrl.line,
      message: `The database address comes from ${named}; the auth module reads the same setting`,
    });
  }
  for (const table of d.tables) {
    const collides = (BETTER_AUTH_TABLE_NAMES as readonly string[]).includes(table.name);
    findings.push({
      kind: collides ? "table-collision" : "table",
      file: table.file,
      line: table.line,
      message: collides ? `Table "${table.name}" has a name better-auth also uses: better-auth's tables get an auth_ prefix` : `Table "${table.name}"`,
    });
  }
  if (d.userTable)
    findings.push({
      kind: "user-table",
      file: d.userTable.file,
      line: d.userTable.line,
      message: `The app's own users: ${d.userTable.model} ("${d.userTable.name}"), matched to better-auth users by ${d.userTable.emailColumn}`,
    });
  if (d.alembic)
    findings.push({
      kind: "alembic",
      file: d.alembic.envFile,
      line: 1,
      message: `Alembic in ${d.alembic.directory}/, head${d.alembic.heads.length === 1 ? "" : "s"} ${d.alembic.heads.join(", ") || "(none)"}, target_metadata ${d.alembic.targetMetadata ?? "(none)"}`,
    });
  findings.push(...d.existingAuth);
  if (d.cors)
    findings.push({
      kind: "cors",
      file: d.cors.file,
      line: d.cors.line,
      message: `CORS middleware with ${d.cors.origins ? `origins ${d.cors.origins.join(", ")}` : "origins from a setting"}`,
    });
  if (d.lifespan.kind !== "none")
    findings.push({
      kind: "lifespan",
      file: d.lifespan.file,
      line: d.lifespan.line,
      message: d.lifespan.kind === "lifespan" ? `Lifespan ${d.lifespan.name}` : "Startup/shutdown event handlers",
    });
  return findings;
}
