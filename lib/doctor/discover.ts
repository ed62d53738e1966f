/**
 * Discovery, the doctor's first step: what an uploaded project already has
 * (FastAPI entry point, Python dependencies, existing auth code, the database
 * provider from DATABASE_URL's host, CORS origins, an auth server with its
 * framework and ORM), turned into a wizard prefill.
 */
import { isOrigin, parseConfig, type Config, type ConfigInput } from "../config/schema";
import { authServerRoots, baseName, dependencyVersion, dirOf, fileAt, isEnvFile, isTestFile, parseEnv, parseJson, splitList } from "../diagnostics/project";
import type { ProjectFile } from "../diagnostics";

export type Discovery = {
  fastapi?: { file: string; app: string; module: string };
  pythonManifests: string[];
  pythonPackages: string[];
  existingAuth: { file: string; kind: string }[];
  database?: { host: "neon" | "supabase" | "railway" | "local"; file: string };
  corsOrigins: string[];
  authServer?: { folder: string; framework?: "hono" | "express"; orm?: "pg" | "prisma"; other?: string };
  validationMethod?: "jwt" | "database";
  deployment: { authServer?: "vercel" | "railway" | "docker"; apiServer?: "render" | "railway" | "docker" };
  projectName?: string;
  /** The wizard's starting point: what was found, validated field by field. */
  prefill: Config;
  /** Fields found but not usable (invalid for the schema), with the reason. */
  dropped: string[];
};

const AUTH_SIGNS: [RegExp, string][] = [
  [/OAuth2PasswordBearer/, "FastAPI OAuth2 password flow"],
  [/fastapi_users/, "fastapi-users"],
  [/from jose\b|import jose\b/, "python-jose JWTs"],
  [/\bjwt\.decode\s*\(/, "PyJWT token checks"],
  [/passlib|bcrypt/, "password hashing"],
  [/\bHTTPBearer\b/, "bearer-token dependency"],
  [/\bget_current_user\b/, "get_current_user dependency"],
  [/authlib/i, "Authlib OAuth"],
];

const PY_PACKAGES = ["fastapi", "uvicorn", "sqlalchemy", "alembic", "asyncpg", "psycopg", "psycopg2", "pyjwt", "python-jose", "fastapi-users", "passlib", "authlib", "sqlmodel", "pydantic-settings", "databases"];

function findFastapi(files: readonly ProjectFile[]): Discovery["fastapi"] {
  const candidates = files.filter((f) => f.path.endsWith(".py") && !isTestFile(f.path));
  for (const file of candidates.sort((a, b) => a.path.length - b.path.length)) {
    if (!/\bFastAPI\s*\(/.test(file.content)) continue;
    // The module-level name uvicorn imports: `app = FastAPI(...)`, or `app = create_app(...)` around it.
    const direct = /^(\w+)\s*(?::\s*\w+\s*)?=\s*FastAPI\s*\(/m.exec(file.content);
    const factory = /^(app|application|api)\s*(?::\s*\w+\s*)?=\s*\w+\s*\(/m.exec(file.content);
    const app = (direct ?? factory)?.[1];
    if (!app) continue;
    const parts = file.path.replace(/\.py$/, "").split("/");
    // uvicorn's module path from the backend folder: backend/src/main.py → src.main
    const module = (parts[0] === "src" || parts.length === 1 ? parts : parts.slice(1)).join(".");
    return { file: file.path, app, module: `${module}:${app}` };
  }
  return undefined;
}

function pythonPackages(files: readonly ProjectFile[]): { manifests: string[]; packages: string[] } {
  const manifests = files.filter((f) => /(?:^|\/)(?:requirements[^/]*\.txt|pyproject\.toml|Pipfile|uv\.lock)$/.test(f.path));
  const text = manifests.map((f) => f.content.toLowerCase()).join("\n");
  return {
    manifests: manifests.map((f) => f.path),
    packages: PY_PACKAGES.filter((name) => new RegExp(`(^|["'\\s])${name.replace(/-/g, "[-_]")}(\\[|[<>=~!; "']|$)`, "m").test(text)),
  };
}

export function providerOf(url: string): "neon" | "supabase" | "railway" | "local" | undefined {
  let host: string;
  try {
    host = new URL(url.replace(/^postgres(?:ql)?(?:\+\w+)?:/, "http:")).hostname;
  } catch {
    return undefined;
  }
  if (/neon\.tech$/.test(host)) return "neon";
  if (/supabase\.(?:co|com)$/.test(host)) return "supabase";
  if (/(?:railway\.app|rlwy\.net|railway\.internal)$/.test(host)) return "railway";
  if (/^(?:localhost|127\.0\.0\.1|db|postgres|database|host\.docker\.internal)$/.test(host)) return "local";
  return undefined;
}

function findDatabase(files: readonly ProjectFile[]): Discovery["database"] {
  const envs = files.filter((f) => isEnvFile(f.path));
  // Real env files say more than examples.
  envs.sort((a, b) => Number(a.path.endsWith(".example")) - Number(b.path.endsWith(".example")));
  for (const file of envs) {
    const url = parseEnv(file.content).find((e) => e.key === "DATABASE_URL")?.value;
    const host = url && providerOf(url);
    if (host) return { host, file: file.path };
  }
  return undefined;
}

function findOrigins(files: readonly ProjectFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (isEnvFile(file.path)) {
      for (const e of parseEnv(file.content)) if (/ORIGIN|CORS/.test(e.key)) found.push(...splitList(e.value));
    } else if (file.path.endsWith(".py") && !isTestFile(file.path)) {
      const list = /allow_origins\s*=\s*\[([^\]]*)\]/.exec(file.content)?.[1];
      if (list) found.push(...[...list.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]));
    }
  }
  return [...new Set(found.map((o) => o.trim().replace(/(?<!\/)\/+$/, "")).filter(isOrigin))];
}

function findAuthServer(files: readonly ProjectFile[]): Discovery["authServer"] {
  const roots = authServerRoots(files);
  const folder = roots[0] ?? files.find((f) => /(?:^|\/)auth-server\/package\.json$/.test(f.path))?.path.replace(/package\.json$/, "");
  if (folder === undefined) return undefined;
  const pkg = fileAt(files, `${folder}package.json`);
  const has = (name: string) => !!pkg && dependencyVersion(pkg, name) !== undefined;
  const framework = has("hono") ? "hono" : has("express") ? "express" : undefined;
  const orm = has("@prisma/client") || has("prisma") ? "prisma" : has("pg") ? "pg" : undefined;
  const other = ["drizzle-orm", "kysely", "mongodb", "mysql2", "fastify", "next"].find(has);
  return { folder: folder || "(root)", framework, orm, other };
}

function findValidation(files: readonly ProjectFile[]): Discovery["validationMethod"] {
  const python = files.filter((f) => f.path.endsWith(".py") && !isTestFile(f.path)).map((f) => f.content).join("\n");
  if (/jwks/i.test(python)) return "jwt";
  if (/FROM\s+"?(?:session|user_sessions)"?/i.test(python)) return "database";
  return undefined;
}

function findDeployment(files: readonly ProjectFile[], authFolder?: string): Discovery["deployment"] {
  const names = new Set(files.map((f) => f.path));
  const inAuth = (name: string) => authFolder !== undefined && names.has(`${authFolder === "(root)" ? "" : authFolder}${name}`);
  const backendHas = (pattern: RegExp) => files.some((f) => pattern.test(f.path) && !(authFolder && f.path.startsWith(authFolder)));
  return {
    authServer: inAuth("vercel.json") ? "vercel" : inAuth("railway.json") ? "railway" : inAuth("Dockerfile") ? "docker" : undefined,
    apiServer: backendHas(/(?:^|\/)render\.yaml$/) ? "render" : backendHas(/(?:^|\/)railway\.json$/) ? "railway" : backendHas(/(?:^|\/)Dockerfile$/) ? "docker" : undefined,
  };
}

function findProjectName(files: readonly ProjectFile[]): string | undefined {
  const pyproject = files.find((f) => baseName(f.path) === "pyproject.toml" && dirOf(f.path).split("/").length <= 2);
  const name =
    (pyproject && /^[ \t]*name\s*=\s*["']([^"']+)["']/m.exec(pyproject.content)?.[1]) ??
    ((parseJson(files.find((f) => f.path === "package.json")?.content ?? "") as { name?: string } | undefined)?.name);
  const slug = name?.toLowerCase().replace(/^@[^/]+\//, "").replace(/[^a-z0-9-]+/g, "-").replace(/^[^a-z]+|(?<!-)-+$/g, "").slice(0, 64);
  return slug || undefined;
}

/** Applies the found values one by one, keeping each only if the schema accepts it. */
function prefillFrom(d: Omit<Discovery, "prefill" | "dropped">): { prefill: Config; dropped: string[] } {
  const candidates: [string, ConfigInput][] = [
    ["projectName", { projectName: d.projectName }],
    ["database.host", { database: { host: d.database?.host } }],
    ["cors.origins", { cors: { origins: d.corsOrigins.length ? d.corsOrigins.slice(0, 20) : undefined } }],
    ["stack.framework", { stack: { framework: d.authServer?.framework } }],
    ["stack.orm", { stack: { orm: d.authServer?.orm } }],
    ["session.validationMethod", { session: { validationMethod: d.validationMethod } }],
    ["deployment", { deployment: { authServer: d.deployment.authServer, apiServer: d.deployment.apiServer } }],
  ];
  let input: ConfigInput = {};
  const dropped: string[] = [];
  for (const [field, part] of candidates) {
    const next = merge(input, part);
    if (parseConfig(next).ok) input = next;
    else dropped.push(field);
  }
  const parsed = parseConfig(input);
  if (!parsed.ok) throw new Error("prefill must stay valid");
  return { prefill: parsed.config, dropped };
}

function merge(base: ConfigInput, part: ConfigInput): ConfigInput {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(part)) {
    if (value === undefined) continue;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
      if (Object.keys(defined).length) out[key] = { ...(out[key] as object | undefined), ...defined };
    } else out[key] = value;
  }
  return out;
}

export function discover(files: readonly ProjectFile[]): Discovery {
  const { manifests, packages } = pythonPackages(files);
  const authServer = findAuthServer(files);
  const found = {
    fastapi: findFastapi(files),
    pythonManifests: manifests,
    pythonPackages: packages,
    existingAuth: files
      .filter((f) => f.path.endsWith(".py") && !isTestFile(f.path))
      .flatMap((f) => AUTH_SIGNS.filter(([p]) => p.test(f.content)).map(([, kind]) => ({ file: f.path, kind }))),
    database: findDatabase(files),
    corsOrigins: findOrigins(files),
    authServer,
    validationMethod: findValidation(files),
    deployment: findDeployment(files, authServer?.folder),
    projectName: findProjectName(files),
  };
  return { ...found, ...prefillFrom(found) };
}
