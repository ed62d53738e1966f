/**
 * The project's own scripts under scripts/, run as a user runs them:
 * setup-dev.sh on a fresh copy of the project (installing for real in one
 * config; in the others its installs are skipped and the harness's shared
 * installs stand in for them), sync-schemas.sh on the
 * database it migrated, before and after the schema is damaged for real, and
 * health-check.sh against the running services and against a port where
 * nothing answers.
 */
import { existsSync, lstatSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { NODE_RUNTIME } from "../../lib/generate/view-model";
import type { Cluster } from "./postgres";
import { nodeLineOf } from "./configs";
import { linkNodeModules } from "./deps";
import { assertThat } from "./http";
import { run, tail, type RunResult } from "./processes";
import { baseEnv, databaseUrl, writeProject, type Project, type RunContext } from "./project";
import type { ConfigReport } from "./report";
import { freePort } from "../support/free-port";

const SCRIPT_TIMEOUT_MS = 180_000;
/**
 * The config whose setup-dev.sh runs npm install and pip install itself, from
 * the registries: once is enough to prove the
 * install path, which adds minutes (README.md) where the shared installs
 * take none.
 */
const REAL_INSTALL_CONFIG = "e2e-c1";

type SetUpMode = "installs" | "linked";
const SET_UP: Record<SetUpMode, { args: string[]; timeoutMs: number; name: string }> = {
  installs: {
    args: [],
    timeoutMs: 600_000,
    name: "scripts/setup-dev.sh checks Node.js and Python, writes both .env files, runs npm install, creates backend/.venv with pip and creates the tables",
  },
  linked: {
    args: ["--no-install"],
    timeoutMs: SCRIPT_TIMEOUT_MS,
    name: "scripts/setup-dev.sh --no-install checks Node.js and Python, writes both .env files and creates the tables",
  },
};

function script(dir: string, name: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = SCRIPT_TIMEOUT_MS): Promise<RunResult> {
  return run("sh", [join(dir, "scripts", name), ...args], { cwd: dir, env, timeoutMs });
}

function expectExit(result: RunResult, code: number, what: string): void {
  assertThat(result.code === code, `${what} exited ${result.code}, expected ${code}:\n${tail(result.output, 30)}`);
}

function expectOutput(result: RunResult, pattern: RegExp, what: string): void {
  assertThat(pattern.test(result.output), `${what} does not say ${pattern}:\n${tail(result.output, 30)}`);
}

function envFileValue(path: string, name: string): string | undefined {
  return readFileSync(path, "utf8").match(new RegExp(`^${name}=(.*)$`, "m"))?.[1];
}

/** Whether the system's own `node` is older than the project admits, so the version check can be seen refusing it. */
async function oldSystemNode(dir: string): Promise<boolean> {
  const version = await run("node", ["-p", "process.versions.node.split('.')[0]"], { cwd: dir, env: baseEnv(), timeoutMs: 10_000 });
  return Number(version.output.trim()) < Number(NODE_RUNTIME.minimum);
}

/** setup-dev.sh and sync-schemas.sh on a copy of the project with a database of its own. */
export async function checkSetupScripts(ctx: RunContext, p: Project, report: ConfigReport): Promise<void> {
  const mode: SetUpMode = p.config.projectName === REAL_INSTALL_CONFIG ? "installs" : "linked";
  const dir = await report.step("write a fresh copy of the project for scripts/setup-dev.sh", () => {
    const copy = writeProject(join(ctx.workDir, "setup-dev"), p.config);
    if (mode === "installs") return copy;
    linkNodeModules(join(copy, "auth-server"), ctx.node);
    // The virtualenv setup-dev.sh would create, already installed by the harness.
    symlinkSync(ctx.venv.dir, join(copy, "backend", ".venv"), "dir");
    return copy;
  });
  const database = `${p.config.projectName.replace(/-/g, "_")}_scripts`;
  await report.step(`create database ${database}`, () => ctx.cluster.createDatabase(database));
  const url = databaseUrl(ctx, p, database);
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    PATH: `${ctx.nodeBins[nodeLineOf(p.config)]}:${process.env.PATH}`,
    ...(p.config.stack.orm === "prisma" ? { PRISMA_SCHEMA_ENGINE_BINARY: ctx.schemaEngineStandIn } : {}),
  };
  const authEnvFile = join(dir, "auth-server", ".env");
  const backendEnvFile = join(dir, "backend", ".env");

  const setUp = await report.check(SET_UP[mode].name, async () => {
    const result = await script(dir, "setup-dev.sh", SET_UP[mode].args, { ...env, DATABASE_URL: url }, SET_UP[mode].timeoutMs);
    expectExit(result, 0, "setup-dev.sh");
    expectOutput(result, /Node\.js v\d.*Python 3\.\d/, "setup-dev.sh");
    if (mode === "installs") {
      assertThat(existsSync(join(dir, "auth-server", "node_modules", "better-auth", "package.json")), "npm install left no better-auth");
      assertThat(
        !lstatSync(join(dir, "backend", ".venv")).isSymbolicLink() && existsSync(join(dir, "backend", ".venv", "bin", "alembic")),
        "no backend/.venv of its own with alembic",
      );
    }
    const secret = envFileValue(authEnvFile, "BETTER_AUTH_SECRET") ?? "";
    assertThat(secret.length >= 32, `auth-server/.env holds a ${secret.length}-character secret`);
    assertThat(
      envFileValue(authEnvFile, "DATABASE_URL") === url && envFileValue(backendEnvFile, "DATABASE_URL") === url,
      "the .env files do not name the given database",
    );
    if (p.config.session.validationMethod === "database") {
      assertThat(envFileValue(backendEnvFile, "BETTER_AUTH_SECRET") === secret, "backend/.env does not hold the auth server's secret");
    }
    for (const provider of p.config.auth.oauth.providers) {
      assertThat(envFileValue(authEnvFile, `${provider.toUpperCase()}_CLIENT_ID`), `auth-server/.env has no ${provider} placeholder`);
    }
    const tables = await ctx.cluster.query<{ n: number }>(
      database,
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'backend_alembic_version'`,
    );
    assertThat(tables[0].n === 1, "alembic upgrade head did not run");
  });
  if (!setUp) return;

  await report.check("scripts/setup-dev.sh run again keeps both .env files and the secret", async () => {
    const before = readFileSync(authEnvFile, "utf8");
    const result = await script(dir, "setup-dev.sh", ["--no-install"], env);
    expectExit(result, 0, "setup-dev.sh");
    expectOutput(result, /auth-server\/\.env exists: kept/, "setup-dev.sh");
    assertThat(readFileSync(authEnvFile, "utf8") === before, "auth-server/.env changed");
  });

  if (await oldSystemNode(dir)) {
    await report.check("scripts/setup-dev.sh on the system's older Node.js stops at once, naming the version it needs", async () => {
      const result = await script(dir, "setup-dev.sh", ["--no-install"], baseEnv());
      expectExit(result, 1, "setup-dev.sh");
      expectOutput(result, new RegExp(`Node\\.js v\\S+ is too old: this project needs ${NODE_RUNTIME.minimum} or later`), "setup-dev.sh");
    });
  }

  await checkSyncSchemas(ctx.cluster, dir, database, env, report);
}

async function checkSyncSchemas(cluster: Cluster, dir: string, database: string, env: NodeJS.ProcessEnv, report: ConfigReport): Promise<void> {
  await report.check("scripts/sync-schemas.sh finds the database in sync with better-auth and Alembic", async () => {
    const result = await script(dir, "sync-schemas.sh", [], env);
    expectExit(result, 0, "sync-schemas.sh");
    expectOutput(result, /in sync/, "sync-schemas.sh");
  });
  await report.check('scripts/sync-schemas.sh names a column dropped from the database (session."ipAddress") and exits 1', async () => {
    await cluster.query(database, `ALTER TABLE "session" DROP COLUMN "ipAddress"`);
    const result = await script(dir, "sync-schemas.sh", [], env);
    expectExit(result, 1, "sync-schemas.sh");
    expectOutput(result, /column session\.ipAddress is missing/, "sync-schemas.sh");
  });
  await report.check("scripts/sync-schemas.sh says the database is behind Alembic's head once its revision is gone", async () => {
    await cluster.query(database, `DELETE FROM backend_alembic_version`);
    const result = await script(dir, "sync-schemas.sh", [], env);
    expectExit(result, 1, "sync-schemas.sh");
    expectOutput(result, /Alembic declares head \S+, the database is at no revision/, "sync-schemas.sh");
  });
}

/** health-check.sh against the running services, then with the backend's URL where nothing listens. */
export async function checkHealthScript(p: Project, report: ConfigReport): Promise<void> {
  const env = baseEnv();
  await report.request("scripts/health-check.sh AUTH_URL API_URL passes against the running services", async () => {
    const result = await script(p.dir, "health-check.sh", [p.authUrl, p.backendUrl], env);
    expectExit(result, 0, "health-check.sh");
    const checks = p.config.session.validationMethod === "jwt" ? 4 : 3;
    assertThat((result.output.match(/^ok {4}/gm) ?? []).length === checks, `expected ${checks} passed checks:\n${result.output}`);
  });
  await report.request("scripts/health-check.sh exits 1 and names the check when the backend does not answer", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const result = await script(p.dir, "health-check.sh", [p.authUrl, closed], env);
    expectExit(result, 1, "health-check.sh");
    expectOutput(result, /^FAIL {2}backend ready: expected 200, got 000/m, "health-check.sh");
    expectOutput(result, /^ok {4}auth server ready/m, "health-check.sh");
  });
}
