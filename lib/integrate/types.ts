/**
 * The shapes shared by discovery, the change and their callers (the CLI, the
 * Web Worker and the HTTP route). Every finding names its file and line so a
 * report can point at the exact place in the uploaded app.
 */

/** One file of the uploaded app, read whole; `path` is relative to the app's root folder. */
export type AppFile = { path: string; bytes: Uint8Array; mode?: number };

export type Finding = { kind: string; file: string; line: number; message: string };

export type PackageLayout = "app" | "src" | "flat";

export type DependencyManager = "requirements" | "pep621" | "uv" | "poetry";

export type Dependencies = {
  /** The file the added requirements go into, e.g. `requirements.txt` or `pyproject.toml`. */
  file: string;
  manager: DependencyManager;
  /** The version specifier as written, e.g. `>=0.110,<1`; undefined when unpinned. */
  fastapi?: string;
  /** The lowest FastAPI version the specifier allows, e.g. `0.110.0`; undefined when it allows any. */
  fastapiLowest?: string;
  pydantic?: string;
  pydanticMajor: 1 | 2;
  /** Lower-cased distribution names the app already depends on. */
  packages: string[];
};

/** How the app reads its database address, so the auth code reuses it instead of asking for a second variable. */
export type DatabaseUrlSource =
  { kind: "url"; variable: string; file: string; line: number } | { kind: "parts"; variables: DatabaseUrlParts; file: string; line: number };

/** The names of the settings holding each part of the address, as the app declares them. */
export type DatabaseUrlParts = { host: string; port?: string; user: string; password: string; database: string };

export type Settings = {
  /** A pydantic(-settings) BaseSettings subclass, with its module (dotted) and an instance when one exists at module level. */
  baseSettings?: { className: string; module: string; file: string; line: number; instance?: string; pydanticSettings: boolean };
  /** Settings the app reads, as declared (BaseSettings fields, os.environ / os.getenv names). */
  envVariables: string[];
  envFiles: string[];
  databaseUrl?: DatabaseUrlSource;
};

export type DatabaseLayer = {
  orm?: "sqlalchemy" | "sqlmodel";
  async: boolean;
  /** The PostgreSQL driver the app already installs; the module uses the same one. */
  driver?: "asyncpg" | "psycopg" | "psycopg2";
};

export type AppTable = { name: string; file: string; line: number; source: "model" | "migration" };

export type Alembic = {
  /** The folder holding env.py and versions/, relative to the app root. */
  directory: string;
  iniFile?: string;
  envFile: string;
  heads: string[];
  targetMetadata?: string;
  /** Whether env.py already passes include_object (then the module's filter composes with it). */
  includeObject: boolean;
};

export type Cors = {
  file: string;
  line: number;
  /** Literal origins when the app lists them; undefined when they come from settings or a variable. */
  origins?: string[];
  allowsAll: boolean;
};

export type Lifespan = { kind: "lifespan"; name: string; file: string; line: number } | { kind: "events"; file: string; line: number } | { kind: "none" };

export type AppObject = {
  /** The uvicorn import string: `package.module:app`, or `package.module:create_app` with `--factory`. */
  importString: string;
  /** The dotted module holding the object. */
  module: string;
  variable: string;
  file: string;
  line: number;
  /** The function that builds the app, when it is built by one. */
  factory?: string;
};

export type Discovery = {
  app?: AppObject;
  layout: PackageLayout;
  /** The dotted package the auth module is added to ("" for a flat app). */
  package: string;
  /** The folder imports start from: "src" for a src layout, else "" (the app's root). */
  importRoot: string;
  /** The prefix the app's routers share, e.g. `/api/v1` ("" when none). */
  apiPrefix: string;
  /** Paths the app already serves (used to pick a free name for the `me` route). */
  routes: string[];
  dependencies?: Dependencies;
  settings: Settings;
  database: DatabaseLayer;
  tables: AppTable[];
  /** The app's own user table, when it has one: the module then resolves the app's user by email. */
  userTable?: { name: string; model: string; module: string; emailColumn: string; file: string; line: number };
  /** The app's own database-session dependency (a `get_db`-style generator), used to look its users up. */
  sessionDependency?: { name: string; module: string; async: boolean; file: string; line: number };
  alembic?: Alembic;
  existingAuth: Finding[];
  cors?: Cors;
  lifespan: Lifespan;
  /** Everything above as a readable list, each with its file and line. */
  findings: Finding[];
};

export type FileChange = { path: string; kind: "changed" | "added"; before?: string; after: string; diff: string };

export type OutputFile = { path: string; content: string | Uint8Array; mode?: number };

export type Integration =
  | {
      ok: true;
      discovery: Discovery;
      /** auth-server/…, backend/… (the patched copy, every file of the upload), sidecar.patch, sidecar.json and the docs. */
      files: OutputFile[];
      /** The app's files the change touches: changed ones first, then added ones. */
      changes: FileChange[];
      /** A unified diff that `git apply` applies inside the uploaded folder. */
      patch: string;
    }
  | { ok: false; discovery?: Discovery; reasons: string[] };

export type IntegrateOptions = {
  /** The app's folder inside the upload, when the upload holds more than the app. */
  appPath?: string;
};
