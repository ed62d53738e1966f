/**
 * README.md, SETUP.md and the ADRs for an integrated app: the change made to
 * it and why, the next commands, and how to undo it.
 */
import type { ResolvedConfig } from "../config/resolve";
import { renderTemplate } from "../generate/render";
import { TEMPLATES } from "../generate/templates.generated";
import { buildViewModel } from "../generate/view-model";
import { FRAMEWORK_SPECS } from "../config/option-specs";
import { isRenamed, type AuthTableNames } from "./auth-tables";
import type { Plan, SessionDriver } from "./plan";
import type { Discovery, OutputFile } from "./types";

const ADRS = ["0001-auth-module-inside-the-app", "0002-session-validation-strategy", "0003-auth-tables-beside-the-apps"] as const;

const DRIVER_NAMES: Record<SessionDriver, string> = {
  asyncpg: "asyncpg",
  psycopg: "psycopg 3 (the driver the app already uses) and a psycopg-pool pool",
  psycopg2: "psycopg2 (the driver the app already uses), its ThreadedConnectionPool, off the event loop in starlette's thread pool",
};

const INSTALL_COMMANDS = {
  requirements: (file: string) => `pip install -r ${file}`,
  pep621: () => "pip install -e .",
  uv: () => "uv sync",
  poetry: () => "poetry install",
} as const;

function why(path: string, d: Discovery, plan: Plan): string {
  if (path === d.app!.file)
    return `imports the auth module and calls \`sidecar_auth.install(${d.app!.variable})\`${d.app!.factory ? ` in ${d.app!.factory}()` : ""}: it adds \`GET ${plan.meRoute}\` and opens the verifier around the app's own lifespan`;
  if (path === d.dependencies!.file) return `adds ${plan.requirements.map((r) => r.name).join(", ")}`;
  if (path === d.alembic?.envFile) return "passes `include_object` so autogenerate leaves better-auth's tables alone";
  return "the auth module: verifier, `CurrentUser`, the signed-in user's model and route";
}

/** `leftOut`: the upload's secret files, which backend/ does not carry. */
export function integrationDocs(d: Discovery, plan: Plan, config: ResolvedConfig, tables: AuthTableNames, leftOut: readonly string[]): OutputFile[] {
  const base = buildViewModel(config);
  const jwt = config.session.validationMethod === "jwt";
  const tableList = Object.values(tables)
    .map((t) => `\`${t}\``)
    .join(", ");
  const refused = plan.originsRefusedByAppCors;
  const view = {
    ...base,
    app: d.app!.importString,
    framework: FRAMEWORK_SPECS[config.stack.framework].docsName,
    validation: jwt ? "it verifies the auth server's JWTs against its JWKS" : "it looks sessions up in better-auth's session table",
    changed: plan.changes.filter((c) => c.kind === "changed").map((c) => ({ path: c.path, why: why(c.path, d, plan) })),
    added: plan.changes.filter((c) => c.kind === "added").map((c) => ({ path: c.path, why: why(c.path, d, plan) })),
    existingAuth: d.existingAuth.length > 0 ? d.existingAuth.map((f) => f.kind).join(", ") : false,
    meRoute: plan.meRoute,
    moduleName: plan.moduleName,
    addedPath: plan.modulePath,
    appDatabase: d.database.orm !== undefined || d.database.driver !== undefined || d.settings.databaseUrl !== undefined,
    /** What the app does with the auth server's database when it has none of its own. */
    authDatabaseUse: jwt ? "it verifies JWTs and never reads these tables" : "the module reads sessions from it through `DATABASE_URL`",
    sessionTable: tables.session,
    jwksTable: tables.jwks,
    driverName: plan.driver ? DRIVER_NAMES[plan.driver] : "",
    appUser: d.userTable && d.sessionDependency ? { model: d.userTable.model } : false,
    renamed: isRenamed(tables),
    tableList,
    alembic: d.alembic ?? false,
    corsAdded: plan.addsCors,
    corsKept: !plan.addsCors,
    corsVerdict:
      refused === undefined
        ? "Its origins come from a setting: make sure it lists the frontend origins (" + config.cors.origins.join(", ") + ")."
        : refused.length === 0
          ? "It already allows the configured frontend origins."
          : `It does not allow ${refused.join(", ")}: add them to its allow_origins, or browsers there cannot call the app.`,
    origins: config.cors.origins.join(", "),
    requirements: plan.requirements.length > 0 ? { list: plan.requirements.map((r) => r.name).join(", ") } : false,
    installCommand: INSTALL_COMMANDS[d.dependencies!.manager](d.dependencies!.file),
    env: plan.env.map((e) => ({ ...e, required: e.required ? "yes" : "no" })),
    uvicorn: `${d.app!.importString}${d.app!.factory && d.app!.importString.endsWith(`:${d.app!.factory}`) ? " --factory" : ""}${d.importRoot ? ` --app-dir ${d.importRoot}` : ""}`,
    leftOut: leftOut.length > 0 ? { list: leftOut.map((p) => `\`${p}\``).join(", ") } : false,
    jwt,
    database: !jwt,
  };
  const paths = ["README.md", "SETUP.md", ...ADRS.map((adr) => `docs/adr/${adr}.md`)];
  return paths.map((path) => ({ path, content: renderTemplate(`integrate/${path}`, TEMPLATES[`integrate/${path}`], view) }));
}
