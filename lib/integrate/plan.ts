/**
 * The change for one app: which files are edited and how, the auth module
 * rendered for what the app already has, and the environment both services
 * then read. Every decision is made here; the module's template only prints.
 */
import { createTwoFilesPatch } from "diff";
import { DATABASE_HOST_SPECS } from "../config/option-specs";
import { resolveConfig } from "../config/resolve";
import type { Config } from "../config/schema";
import { renderTemplate } from "../generate/render";
import { TEMPLATES } from "../generate/templates.generated";
import { BETTER_AUTH_TABLE_NAMES, type AuthTableNames } from "./auth-tables";
import type { TextFile } from "./dependencies";
import { addRequirements, filterAuthTablesInAlembic, hasPackage, installInAppModule, IntegrationRefused, REQUIREMENTS, type AddedRequirement } from "./edits";
import type { Dependencies, Discovery, FileChange } from "./types";

export type EnvEntry = { name: string; service: "auth-server" | "backend"; required: boolean; description: string };

/** Database mode queries with the driver the app already installs; asyncpg when it has none. */
export type SessionDriver = "asyncpg" | "psycopg" | "psycopg2";

type DriverSpec = {
  /** How the session query names its parameter. */
  placeholder: string;
  /** What the module's lookup turns into a 503. */
  errors: string;
  /** What the app must add to use the driver the way the module does. */
  requirements: (deps: Dependencies) => AddedRequirement[];
};

const DRIVER_SPECS: Record<SessionDriver, DriverSpec> = {
  asyncpg: { placeholder: "$1", errors: "(asyncpg.PostgresError, asyncpg.InterfaceError, OSError, asyncio.TimeoutError)", requirements: () => [] },
  psycopg: {
    placeholder: "%s",
    errors: "(psycopg.Error, PoolTimeout, OSError, asyncio.TimeoutError)",
    requirements: (deps) => (hasPackage(deps, "psycopg-pool") ? [] : [REQUIREMENTS.psycopgPool]),
  },
  // psycopg2's own ThreadedConnectionPool, and starlette's thread pool, which FastAPI brings.
  psycopg2: { placeholder: "%s", errors: "(psycopg2.Error, OSError, asyncio.TimeoutError)", requirements: () => [] },
};

export type Plan = {
  changes: FileChange[];
  /** The added module, relative to the app's root. */
  modulePath: string;
  /** The module's dotted name, e.g. `app.sidecar_auth`. */
  moduleName: string;
  meRoute: string;
  /** The driver the module looks sessions up with in database mode (undefined with JWTs). */
  driver?: SessionDriver;
  requirements: AddedRequirement[];
  env: EnvEntry[];
  /** Whether the module adds CORS (the app had none). */
  addsCors: boolean;
  /** The configured origins the app's own CORS does not list (undefined when its origins come from a setting). */
  originsRefusedByAppCors?: string[];
};

/** Where the integration's own templates live (the module and the docs), beside the layers of a new project. */
export const INTEGRATION_TEMPLATES = "integrate/";
const MODULE_TEMPLATE = `${INTEGRATION_TEMPLATES}sidecar_auth.py`;
/** The generated backend's own session-cookie code, so the module checks signatures and rotated secrets exactly as it does. */
const MODULE_PARTIALS = {
  "backend/versioned-secrets.py": TEMPLATES["backend/partials/versioned-secrets.py"],
  "backend/unsign.py": TEMPLATES["backend/partials/unsign.py"],
};

export function planChange(d: Discovery, texts: readonly TextFile[], config: Config, tables: AuthTableNames): Plan {
  const app = d.app!;
  const dependencies = d.dependencies!;
  const jwt = config.session.validationMethod === "jwt";
  const folder = [d.importRoot, ...d.package.split(".").filter(Boolean)].filter(Boolean).join("/");
  const modulePath = folder ? `${folder}/sidecar_auth.py` : "sidecar_auth.py";
  const moduleName = d.package ? `${d.package}.sidecar_auth` : "sidecar_auth";
  const importLine = d.package ? `from ${d.package} import sidecar_auth` : "import sidecar_auth";
  const meRoute = freeMeRoute(d);
  const driver: SessionDriver | undefined = jwt ? undefined : (d.database.driver ?? "asyncpg");
  const requirements = addedRequirements(d, driver);
  const text = (path: string) => texts.find((f) => f.path === path)?.text;

  const edited = new Map<string, string>();
  edited.set(app.file, installInAppModule(text(app.file)!, app, importLine));
  if (requirements.length > 0) edited.set(dependencies.file, addRequirements(text(dependencies.file)!, dependencies, requirements));
  if (d.alembic) edited.set(d.alembic.envFile, filterAuthTablesInAlembic(text(d.alembic.envFile)!, d.alembic, importLine));
  if (texts.some((f) => f.path === modulePath))
    throw new IntegrationRefused(
      `${modulePath} already exists: was this app integrated before? Undo that change (git apply -R sidecar.patch) or rename the file.`,
    );

  const module = renderTemplate(MODULE_TEMPLATE, TEMPLATES[MODULE_TEMPLATE], moduleView(d, config, tables, meRoute, driver), MODULE_PARTIALS);
  const changes: FileChange[] = [
    ...[...edited].map(([path, after]) => change(path, "changed", text(path), after)),
    change(modulePath, "added", undefined, module),
  ];
  const configured = resolveConfig(config).cors.origins;
  return {
    changes,
    modulePath,
    moduleName,
    meRoute,
    driver,
    requirements,
    env: environment(d, config),
    addsCors: !d.cors,
    originsRefusedByAppCors: d.cors?.origins && !d.cors.allowsAll ? configured.filter((o) => !d.cors!.origins!.includes(o)) : undefined,
  };
}

function change(path: string, kind: FileChange["kind"], before: string | undefined, after: string): FileChange {
  const diff = createTwoFilesPatch(kind === "added" ? "/dev/null" : `a/${path}`, `b/${path}`, before ?? "", after, "", "", { context: 3 }).replace(/^=+\n/, "");
  return { path, kind, before, after, diff };
}

/** `<prefix>/me`, or the next free name when the app already serves it; never under the auth server's /api/auth/. */
function freeMeRoute(d: Discovery): string {
  const prefix = d.apiPrefix.startsWith("/api/auth") ? "" : d.apiPrefix;
  const taken = new Set(d.routes.map((r) => r.replace(/(?<!\/)\/+$/, "")));
  for (let n = 1; ; n++) {
    const candidate = `${prefix}/${n === 1 ? "me" : `me-${n}`}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function addedRequirements(d: Discovery, driver: SessionDriver | undefined): AddedRequirement[] {
  const deps = d.dependencies!;
  if (!driver) {
    const wanted: AddedRequirement[] = [];
    if (!hasPackage(deps, "pyjwt")) wanted.push(REQUIREMENTS.pyjwt);
    else if (!hasPackage(deps, "cryptography")) wanted.push(REQUIREMENTS.cryptography);
    if (!hasPackage(deps, "httpx")) wanted.push(REQUIREMENTS.httpx);
    return wanted;
  }
  return d.database.driver ? DRIVER_SPECS[driver].requirements(deps) : [REQUIREMENTS.asyncpg];
}

/** How the module reads the app's database address: the app's settings object when it has one, else the environment. */
function databaseUrlCode(d: Discovery): { code: string; settingsImport?: string } {
  const source = d.settings.databaseUrl;
  const instance = d.settings.baseSettings?.instance;
  const settingsImport = instance ? `from ${d.settings.baseSettings!.module} import ${instance} as app_settings` : undefined;
  if (source?.kind === "url") {
    return instance && d.settings.baseSettings!.file === source.file
      ? { code: `    url = str(app_settings.${source.variable})`, settingsImport }
      : { code: `    url = _setting("${source.variable.toUpperCase()}")` };
  }
  if (source?.kind === "parts") {
    const v = source.variables;
    const read = (name: string | undefined, fallback: string) =>
      name === undefined
        ? `"${fallback}"`
        : instance && d.settings.baseSettings!.file === source.file
          ? `str(app_settings.${name})`
          : `_setting("${name.toUpperCase()}")`;
    return {
      code: [
        `    credentials = quote(${read(v.user, "")}, safe="") + ":" + quote(${read(v.password, "")}, safe="")`,
        `    url = urlunsplit(("postgresql", f"{credentials}@{${read(v.host, "localhost")}}:{${read(v.port, "5432")}}", "/" + ${read(v.database, "postgres")}, "", ""))`,
      ].join("\n"),
      settingsImport: instance && d.settings.baseSettings!.file === source.file ? settingsImport : undefined,
    };
  }
  return { code: `    url = _setting("DATABASE_URL")` };
}

function appUserView(d: Discovery) {
  const user = d.userTable;
  const session = d.sessionDependency;
  if (!user || !session) return false;
  const sameModule = user.module === session.module;
  const imports = [
    "from sqlalchemy import select",
    sameModule
      ? `from ${user.module} import ${user.model}, ${session.name}`
      : `from ${session.module} import ${session.name}\nfrom ${user.module} import ${user.model}`,
  ].join("\n");
  const query = `select(${user.model}).where(${user.model}.${user.emailColumn} == user.email)`;
  const body = [
    `${session.async ? "async " : ""}def get_current_app_user(user: CurrentUser, db=Depends(${session.name})) -> ${user.model}:`,
    `    """This app's own ${user.model} for the signed-in user, matched by email; 403 when there is none."""`,
    `    if REQUIRE_VERIFIED_EMAIL and not user.email_verified:`,
    `        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Verify your email address first")`,
    session.async ? `    found = (await db.execute(${query})).scalars().first()` : `    found = db.execute(${query}).scalars().first()`,
    `    if found is None:`,
    `        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="No account of this app has the signed-in user's email")`,
    `    return found`,
  ].join("\n");
  // The app's user is found by verified email: an unverified address proves nothing about who signed in.
  return { model: user.model, imports, appUserFunction: body, requireVerifiedPython: "True", matchedBy: "verified email" };
}

function moduleView(d: Discovery, config: Config, tables: AuthTableNames, meRoute: string, driver: SessionDriver | undefined) {
  const resolved = resolveConfig(config);
  const jwt = config.session.validationMethod === "jwt";
  const url = jwt ? { code: "" } : databaseUrlCode(d);
  const used = BETTER_AUTH_TABLE_NAMES.filter((n) => (n !== "jwks" || jwt) && (n !== "rateLimit" || resolved.resolved.rateLimitStorage === "database"));
  return {
    jwt,
    database: !jwt,
    asyncpg: driver === "asyncpg",
    psycopg: driver === "psycopg",
    psycopg2: driver === "psycopg2",
    // Sent when a connection opens, which a transaction-mode pooler does not keep.
    statementTimeout: !DATABASE_HOST_SPECS[config.database.host].pooled,
    addCors: !d.cors,
    meRoute,
    renamed: tables.user !== "user",
    tables,
    authTableList: used.map((n) => `"${tables[n]}"`).join(", "),
    // Origins are validated by the config schema: scheme://host[:port], nothing to escape in a Python string.
    origins: resolved.cors.origins.join(","),
    placeholder: driver ? DRIVER_SPECS[driver].placeholder : "",
    databaseUrl: url.code,
    databaseErrors: driver ? DRIVER_SPECS[driver].errors : "",
    settingsImport: url.settingsImport ?? false,
    appUser: appUserView(d),
  };
}

function environment(d: Discovery, config: Config): EnvEntry[] {
  const jwt = config.session.validationMethod === "jwt";
  const source = d.settings.databaseUrl;
  const appDatabase =
    source?.kind === "url" ? source.variable.toUpperCase() : source?.kind === "parts" ? Object.values(source.variables).filter(Boolean).join(", ") : undefined;
  const env: EnvEntry[] = [
    {
      name: "DATABASE_URL",
      service: "auth-server",
      required: true,
      description: `The app's PostgreSQL database as postgresql://user:password@host:port/db${appDatabase ? ` (the database the app reaches through ${appDatabase}, without a +driver suffix)` : ""}`,
    },
    { name: "BETTER_AUTH_SECRET", service: "auth-server", required: true, description: "At least 32 random characters (openssl rand -base64 32)" },
    { name: "BETTER_AUTH_URL", service: "auth-server", required: true, description: "The auth server's public URL" },
    {
      name: "CORS_ORIGINS",
      service: "auth-server",
      required: true,
      description: "Comma-separated frontend origins allowed to call the auth server with cookies",
    },
    { name: "AUTH_SERVER_URL", service: "backend", required: true, description: "Where the app reaches the auth server, e.g. http://localhost:3001" },
  ];
  if (jwt) {
    env.push(
      {
        name: "JWT_ISSUER",
        service: "backend",
        required: false,
        description: "The tokens' issuer when it is not AUTH_SERVER_URL's origin (BETTER_AUTH_URL's origin)",
      },
      { name: "JWT_AUDIENCE", service: "backend", required: false, description: "The tokens' audience when it is not AUTH_SERVER_URL's origin" },
      {
        name: "JWKS_REFRESH_COOLDOWN",
        service: "backend",
        required: false,
        description: "Seconds between two key refreshes caused by an unknown key id (default 30)",
      },
    );
  } else {
    env.push(
      { name: "BETTER_AUTH_SECRET", service: "backend", required: true, description: "The auth server's secret: session cookies are signed with it" },
      {
        name: "BETTER_AUTH_SECRETS",
        service: "backend",
        required: false,
        description: "While the secret changes, the auth server's versioned secrets (2:new,1:old, newest first): a cookie signed by any of them is accepted",
      },
    );
    if (!source)
      env.push({
        name: "DATABASE_URL",
        service: "backend",
        required: true,
        description: "The PostgreSQL database the auth server uses (the app has no database setting of its own)",
      });
  }
  env.push({
    name: "FRONTEND_ORIGINS",
    service: "backend",
    required: false,
    description: `Comma-separated frontend origins${d.cors ? "" : " for CORS"} and cookie-authenticated writes (default: the configured origins)`,
  });
  return env;
}
