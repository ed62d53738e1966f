/** Every parser of untrusted text in the doctor, the diagnostics, the troubleshooter, the permalinks and the existing-app integration, by name. */
import { runDiagnostics, type ProjectFile } from "../../lib/diagnostics";
import { authOptionSources } from "../../lib/diagnostics/auth-options";
import { parseEnv, splitList } from "../../lib/diagnostics/project";
import { identityMap, maskJsComments, matchingBracket, pyStructure, pythonStrings, splitJsTopLevel, splitTopLevel } from "../../lib/diagnostics/source";
import { registrations } from "../../lib/diagnostics/checks/routes";
import { ormTables } from "../../lib/diagnostics/checks/schema/orm";
import { prismaTables } from "../../lib/diagnostics/checks/schema/prisma";
import { pythonTables, sqlTables } from "../../lib/diagnostics/checks/schema/python-tables";
import { queriesIn } from "../../lib/diagnostics/checks/schema/sql-usage";
import { discover } from "../../lib/doctor/discover";
import { unsafePath } from "../../lib/doctor/read";
import { decodePermalink } from "../../lib/permalink";
import { matchError } from "../../lib/troubleshoot/match";
import { parseConfig } from "../../lib/config/schema";
import { discover as discoverApp } from "../../lib/integrate/discover";
import { authTableNames } from "../../lib/integrate/auth-tables";
import { discoverDependencies, type TextFile } from "../../lib/integrate/dependencies";
import { IntegrationRefused } from "../../lib/integrate/edits";
import { planChange } from "../../lib/integrate/plan";

/** A project whose every checked file holds the text: the .env files, the auth server's options, the backend's code. */
function projectHolding(text: string): ProjectFile[] {
  return [
    { path: "auth-server/package.json", content: '{ "type": "module", "dependencies": { "better-auth": "1.7.0", "hono": "4" } }' },
    { path: "auth-server/.env", content: `CORS_ORIGINS=${text}` },
    { path: "auth-server/src/auth.ts", content: `export const auth = betterAuth({ ...opts, a: ${text} });\nconst opts = { b: 1 };\n${text}` },
    { path: "backend/requirements.txt", content: "fastapi\n" },
    { path: "backend/.env", content: text },
    { path: "backend/src/main.py", content: `from fastapi import FastAPI\napp = FastAPI()\n${text}` },
  ];
}

/**
 * A FastAPI app whose every file discovery reads holds the text where its
 * readers look: a router's and a mount's prefix, settings, tables, Alembic's
 * files, CORS, and the dependency file.
 */
function appHolding(text: string, dependencyFile: TextFile): TextFile[] {
  return [
    dependencyFile,
    { path: "app/__init__.py", text: "" },
    {
      path: "app/main.py",
      text: `from fastapi import FastAPI\nfrom app.api import router\n${text}\napp = FastAPI(lifespan=${text})\napp.include_router(router, prefix=${text})\napp.add_middleware(CORSMiddleware, allow_origins=[${text}])\n${text}`,
    },
    { path: "app/api.py", text: `from fastapi import APIRouter\nrouter = APIRouter(prefix=${text})\n@router.get("${text}")\ndef read(): ...\n${text}` },
    {
      path: "app/config.py",
      text: `import os\nclass Settings(BaseSettings):\n    DATABASE_URL: str = ${text}\n    ${text}\nAPI_PREFIX = "${text}"\nos.getenv("${text}")\n${text}`,
    },
    {
      path: "app/models.py",
      text: `from sqlalchemy import Table\nclass User(Base):\n    __tablename__ = "${text}"\n    email = ${text}\nclass A(SQLModel, table=True${text}):\n${text}`,
    },
    { path: "app/db.py", text: `def get_db(${text}):\n    ${text}` },
    { path: "alembic.ini", text: `[alembic]\nscript_location = ${text}\n${text}` },
    { path: "alembic/env.py", text: `target_metadata = ${text}\ncontext.configure(${text})\n${text}` },
    { path: "alembic/versions/a.py", text: `revision = "${text}"\ndown_revision = ${text}\nop.create_table("${text}"\n${text}` },
  ];
}

const REQUIREMENTS_FILE = (text: string): TextFile => ({ path: "requirements.txt", text: `fastapi>=0.110\npsycopg2-binary\n${text}\n${text}` });
const PYPROJECT = (text: string): TextFile => ({
  path: "pyproject.toml",
  text: `[project]\nname = "a"\ndependencies = [\n  "fastapi>=0.110",\n  ${text}\n]\n[tool.poetry.dependencies]\n${text}\n[tool.uv]\n${text}`,
});

const DATABASE_MODE = (() => {
  const parsed = parseConfig({ projectType: "existing", session: { validationMethod: "database" } });
  if (!parsed.ok) throw new Error("the existing-app config does not parse");
  return parsed.config;
})();

/** Discovery, then the change it plans (the edits to the app's files and the module), unless the app is refused. */
function planFor(files: TextFile[]): unknown {
  const d = discoverApp(files);
  if (!d.app || !d.dependencies) return d;
  try {
    return planChange(d, files, DATABASE_MODE, authTableNames(d.tables.map((t) => t.name)));
  } catch (error) {
    if (error instanceof IntegrationRefused) return error;
    throw error;
  }
}

export const TEXT_PARSERS: { name: string; run: (text: string) => unknown }[] = [
  { name: "parseEnv", run: parseEnv },
  { name: "splitList", run: splitList },
  { name: "maskJsComments", run: (t) => maskJsComments(`${t}x`) },
  { name: "matchingBracket", run: (t) => matchingBracket(`(${t}`, 0) },
  { name: "pythonStrings", run: (t) => pythonStrings(`${t} `) },
  { name: "pyStructure", run: (t) => pyStructure(`${t}  `) },
  { name: "splitTopLevel", run: splitTopLevel },
  { name: "splitJsTopLevel", run: splitJsTopLevel },
  { name: "sqlTables", run: (t) => sqlTables("a.sql", t, identityMap()) },
  { name: "pythonTables", run: (t) => pythonTables({ path: "a.py", content: t }) },
  { name: "ormTables", run: (t) => ormTables({ path: "a.py", content: t }) },
  { name: "queriesIn", run: (t) => queriesIn({ path: "a.py", content: t }) },
  { name: "prismaTables", run: (t) => prismaTables({ path: "schema.prisma", content: t }) },
  { name: "registrations", run: (t) => registrations({ path: "a.ts", content: t }) },
  { name: "authOptionSources", run: (t) => authOptionSources(projectHolding(t)) },
  { name: "matchError (every troubleshooter pattern)", run: matchError },
  { name: "decodePermalink", run: decodePermalink },
  { name: "unsafePath", run: unsafePath },
  { name: "discover", run: (t) => discover(projectHolding(t)) },
  { name: "runDiagnostics with fixes", run: (t) => runDiagnostics(projectHolding(t), undefined, { fix: true }) },
  { name: "integration: discovery (requirements.txt app)", run: (t) => discoverApp(appHolding(t, REQUIREMENTS_FILE(t))) },
  { name: "integration: dependencies (pyproject.toml)", run: (t) => discoverDependencies([PYPROJECT(t)]) },
  { name: "integration: discovery and the change", run: (t) => planFor(appHolding(t, REQUIREMENTS_FILE(t))) },
  { name: "integration: the change, pyproject.toml app", run: (t) => planFor(appHolding(t, PYPROJECT(t))) },
];
