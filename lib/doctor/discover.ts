/**
 * Discovery: what an uploaded project already has
 * (FastAPI entry point, Python dependencies, existing auth code, the database
 * provider from DATABASE_URL's host, CORS origins, an auth server with its
 * framework and ORM), turned into a wizard prefill. A Sidecar project's
 * sidecar.json records the config it was generated from: that record, not
 * what the files suggest, is then the prefill, so regenerating gives the same
 * project.
 */
import {
  API_SERVER_TARGET_SPECS,
  AUTH_SERVER_TARGET_SPECS,
  DATABASE_HOST_SPECS,
  FRAMEWORK_SPECS,
  ORM_SPECS,
  VALIDATION_SPECS,
  type ApiServerTarget,
  type AuthServerTarget,
  type DatabaseHost,
  type Framework,
  type Orm,
  type ValidationMethod,
} from "../config/option-specs";
import {
  API_SERVER_TARGETS,
  AUTH_SERVER_TARGETS,
  DATABASE_HOSTS,
  FRAMEWORKS,
  isOrigin,
  ORMS,
  parseConfig,
  VALIDATION_METHODS,
  type Config,
  type ConfigInput,
} from "../config/schema";
import {
  allowOriginsLists,
  authServerRoots,
  baseName,
  dependencyVersion,
  dirOf,
  fileAt,
  isEnvFile,
  isTestFile,
  parseEnv,
  parseJson,
  splitList,
} from "../diagnostics/project";
import { recordedConfig, recordFile, type ProjectFile } from "../diagnostics";

export type Discovery = {
  fastapi?: { file: string; app: string; module: string };
  pythonManifests: string[];
  pythonPackages: string[];
  existingAuth: { file: string; kind: string }[];
  /** `file` is where the provider was read: sidecar.json's config, or an env file's DATABASE_URL. */
  database?: { host: DatabaseHost; file: string };
  corsOrigins: string[];
  /** The files the CORS origins were read from. */
  corsOriginFiles: string[];
  authServer?: { folder: string; framework?: Framework; orm?: Orm; other?: string };
  validationMethod?: ValidationMethod;
  deployment: { authServer?: AuthServerTarget; apiServer?: ApiServerTarget };
  projectName?: string;
  /** sidecar.json with a valid recorded config: the project's own answers and the Sidecar version that generated it. */
  record?: { file: string; version?: string; config: Config };
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

const PY_PACKAGES = [
  "fastapi",
  "uvicorn",
  "sqlalchemy",
  "alembic",
  "asyncpg",
  "psycopg",
  "psycopg2",
  "pyjwt",
  "python-jose",
  "fastapi-users",
  "passlib",
  "authlib",
  "sqlmodel",
  "pydantic-settings",
  "databases",
];

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

export function providerOf(url: string): DatabaseHost | undefined {
  let host: string;
  try {
    host = new URL(url.replace(/^postgres(?:ql)?(?:\+\w+)?:/, "http:")).hostname;
  } catch {
    return undefined;
  }
  return DATABASE_HOSTS.find((value) => DATABASE_HOST_SPECS[value].detectHost.test(host));
}

function findDatabase(files: readonly ProjectFile[], record: Discovery["record"]): Discovery["database"] {
  if (record) return { host: record.config.database.host, file: record.file };
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

function originsIn(file: ProjectFile): string[] {
  if (isEnvFile(file.path)) return parseEnv(file.content).flatMap((e) => (/ORIGIN|CORS/.test(e.key) ? splitList(e.value) : []));
  if (!file.path.endsWith(".py") || isTestFile(file.path)) return [];
  const list = allowOriginsLists(file.content)[0]?.inner;
  return list ? [...list.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]) : [];
}

function findOrigins(files: readonly ProjectFile[]): { origins: string[]; files: string[] } {
  const found = files
    .map((file) => ({
      file: file.path,
      origins: originsIn(file)
        .map((o) => o.trim().replace(/(?<!\/)\/+$/, ""))
        .filter(isOrigin),
    }))
    .filter((f) => f.origins.length > 0);
  return { origins: [...new Set(found.flatMap((f) => f.origins))], files: found.map((f) => f.file) };
}

function findRecord(files: readonly ProjectFile[]): Discovery["record"] {
  const config = recordedConfig(files);
  if (!config) return undefined;
  const file = recordFile(files)!;
  const version = (parseJson(file.content) as { version?: unknown }).version;
  return { file: file.path, version: typeof version === "string" ? version : undefined, config };
}

function findAuthServer(files: readonly ProjectFile[]): Discovery["authServer"] {
  const roots = authServerRoots(files);
  const folder = roots[0] ?? files.find((f) => /(?:^|\/)auth-server\/package\.json$/.test(f.path))?.path.replace(/package\.json$/, "");
  if (folder === undefined) return undefined;
  const pkg = fileAt(files, `${folder}package.json`);
  const has = (name: string) => !!pkg && dependencyVersion(pkg, name) !== undefined;
  const framework = FRAMEWORKS.find((value) => has(FRAMEWORK_SPECS[value].detectDependency));
  const orm = ORMS.filter((value) => ORM_SPECS[value].detectDependencies.some(has))
    .sort((a, b) => ORM_SPECS[b].detectPriority - ORM_SPECS[a].detectPriority)
    .at(0);
  const other = ["drizzle-orm", "kysely", "mongodb", "mysql2", "fastify", "next"].find(has);
  return { folder: folder || "(root)", framework, orm, other };
}

function findValidation(files: readonly ProjectFile[]): Discovery["validationMethod"] {
  const python = files
    .filter((f) => f.path.endsWith(".py") && !isTestFile(f.path))
    .map((f) => f.content)
    .join("\n");
  return VALIDATION_METHODS.find((value) => VALIDATION_SPECS[value].detectPython.test(python));
}

function findDeployment(files: readonly ProjectFile[], authFolder?: string): Discovery["deployment"] {
  const names = new Set(files.map((f) => f.path));
  const inAuth = (name: string) => authFolder !== undefined && names.has(`${authFolder === "(root)" ? "" : authFolder}${name}`);
  const backendHas = (name: string) => files.some((f) => baseName(f.path) === name && !(authFolder && f.path.startsWith(authFolder)));
  return {
    authServer: AUTH_SERVER_TARGETS.find((value) => inAuth(AUTH_SERVER_TARGET_SPECS[value].detectFile)),
    apiServer: API_SERVER_TARGETS.find((value) => backendHas(API_SERVER_TARGET_SPECS[value].detectFile)),
  };
}

function findProjectName(files: readonly ProjectFile[]): string | undefined {
  const pyproject = files.find((f) => baseName(f.path) === "pyproject.toml" && dirOf(f.path).split("/").length <= 2);
  const name =
    (pyproject && /^[^\S\n\r\u2028\u2029]*name\s*=\s*["']([^"']+)["']/m.exec(pyproject.content)?.[1]) ??
    (parseJson(files.find((f) => f.path === "package.json")?.content ?? "") as { name?: string } | undefined)?.name;
  const slug = name
    ?.toLowerCase()
    .replace(/^@[^/]+\//, "")
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^[^a-z]+|(?<!-)-+$/g, "")
    .slice(0, 64);
  return slug || undefined;
}

/** Applies the found values one by one, keeping each only if the schema accepts it. */
function prefillFrom(d: Omit<Discovery, "prefill" | "dropped">): { prefill: Config; dropped: string[] } {
  if (d.record) return { prefill: d.record.config, dropped: [] };
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
  const record = findRecord(files);
  const origins = findOrigins(files);
  const found = {
    fastapi: findFastapi(files),
    pythonManifests: manifests,
    pythonPackages: packages,
    existingAuth: files
      .filter((f) => f.path.endsWith(".py") && !isTestFile(f.path))
      .flatMap((f) => AUTH_SIGNS.filter(([p]) => p.test(f.content)).map(([, kind]) => ({ file: f.path, kind }))),
    database: findDatabase(files, record),
    corsOrigins: origins.origins,
    corsOriginFiles: origins.files,
    authServer,
    validationMethod: findValidation(files),
    deployment: findDeployment(files, authServer?.folder),
    projectName: findProjectName(files),
    record,
  };
  return { ...found, ...prefillFrom(found) };
}
