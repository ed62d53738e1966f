/**
 * Checks for an existing FastAPI app that Sidecar added authentication to
 * (its backend holds `sidecar_auth.py`): the app's tables must not share a
 * name with better-auth's, and its Alembic autogenerate must leave
 * better-auth's tables alone. (The app's own CORS origins are the cors-origins
 * check's: it reads the backend's literal allow_origins too.)
 */
import { BETTER_AUTH_TABLE_NAMES, DEFAULT_AUTH_TABLE_NAMES, type AuthModel, type AuthTableNames } from "../../integrate/auth-tables";
import { discover } from "../../integrate/discover";
import { troubleshooting } from "../docs";
import type { Check, Finding, ProjectFile } from "../types";

const BACKEND = "backend/";
const AUTH_CONFIG = "auth-server/src/auth/auth.config.ts";

/** The integrated app's files relative to its root, or undefined when the project is not an integrated app. */
function integratedApp(files: readonly ProjectFile[]): ProjectFile[] | undefined {
  if (!files.some((f) => f.path.startsWith(BACKEND) && /(?:^|\/)sidecar_auth\.py$/.test(f.path))) return undefined;
  return files.filter((f) => f.path.startsWith(BACKEND)).map((f) => ({ path: f.path.slice(BACKEND.length), content: f.content }));
}

const appDiscovery = (app: readonly ProjectFile[]) => discover(app.map((f) => ({ path: f.path, text: f.content })));

/** better-auth's table names as the auth server configures them (`modelName`), its defaults otherwise. */
function configuredAuthTables(files: readonly ProjectFile[]): AuthTableNames {
  const config = files.find((f) => f.path === AUTH_CONFIG)?.content ?? "";
  const names = { ...DEFAULT_AUTH_TABLE_NAMES };
  const renamed = (model: AuthModel, pattern: RegExp) => {
    const found = pattern.exec(config)?.[1];
    if (found) names[model] = found;
  };
  renamed("user", /\buser:\s*\{\s*modelName:\s*"([^"]+)"/);
  renamed("account", /\baccount:\s*\{\s*modelName:\s*"([^"]+)"/);
  renamed("verification", /\bverification:\s*\{\s*modelName:\s*"([^"]+)"/);
  renamed("session", /\bsession:\s*\{\s*modelName:\s*"([^"]+)"/);
  renamed("rateLimit", /\brateLimit:\s*\{\s*modelName:\s*"([^"]+)"/);
  renamed("jwks", /\bjwks:\s*\{\s*modelName:\s*"([^"]+)"/);
  return names;
}

const NOT_INTEGRATED = "not an existing FastAPI app with Sidecar's auth added";
const notIntegrated = (files: readonly ProjectFile[]) => (integratedApp(files) ? undefined : NOT_INTEGRATED);

const inBackend = (finding: Finding): Finding => ({ ...finding, file: `${BACKEND}${finding.file}` });

export const authTableCollision: Check = {
  id: "auth-table-collision",
  title: "Auth Table Names",
  severity: "error",
  explanation:
    "The app has a table with the name of one of better-auth's tables: both would write the same table. Give better-auth's tables other names with its modelName options (Sidecar prefixes them with auth_).",
  docs: troubleshooting("database-schema-mismatch"),
  notApplicable: notIntegrated,
  check: (files) => {
    const app = integratedApp(files);
    if (!app) return [];
    const authTables = new Set(Object.values(configuredAuthTables(files)));
    return appDiscovery(app)
      .tables.filter((t) => t.source === "model" && authTables.has(t.name))
      .map((t) =>
        inBackend({
          file: t.file,
          line: t.line,
          message: `The app's table "${t.name}" is also one of better-auth's tables; rename better-auth's with modelName in ${AUTH_CONFIG}`,
        }),
      );
  },
};

export const alembicLeavesAuthTables: Check = {
  id: "alembic-auth-tables",
  title: "Alembic and Auth Tables",
  severity: "error",
  explanation:
    "The app's Alembic does not know better-auth's tables, so `alembic revision --autogenerate` proposes to drop them unless env.py passes an include_object that leaves them alone.",
  docs: troubleshooting("database-schema-mismatch"),
  notApplicable: (files) => {
    const app = integratedApp(files);
    if (!app) return NOT_INTEGRATED;
    return appDiscovery(app).alembic ? undefined : "the app has no Alembic migrations";
  },
  check: (files) => {
    const app = integratedApp(files);
    const alembic = app && appDiscovery(app).alembic;
    if (!alembic || alembic.includeObject) return [];
    return [
      inBackend({
        file: alembic.envFile,
        line: 1,
        message: `context.configure has no include_object: autogenerate would drop ${BETTER_AUTH_TABLE_NAMES.slice(0, 4).join(", ")}; pass include_object=sidecar_auth.leave_auth_tables_alone`,
      }),
    ];
  },
};
