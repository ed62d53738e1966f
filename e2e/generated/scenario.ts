/**
 * One configuration, end to end: generate the project, migrate two databases
 * in both orders and compare the schemas, start both services against the
 * real PostgreSQL (through PgBouncer for pooled providers), drive them over
 * HTTP as a browser and an attacker would, then run the project's own tests.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "../../lib/config/schema";
import { checkCredentials, checkSessionEnd } from "./credentials";
import { nodeLineOf } from "./configs";
import { linkNodeModules, NODE_RELEASES } from "./deps";
import { assertThat, Browser, expectStatus, jsonObject, REQUEST_TIMEOUT_MS } from "./http";
import { checkFrontend, checkFrontendTypes, serveDemo } from "./frontend";
import { checkNotes } from "./notes";
import { assertStandInUnused, PRISMA_CLIENT_STEP } from "./prisma";
import { freePort } from "../support/free-port";
import { mustRun, run, startService, tail, waitFor, type Service } from "./processes";
import { authServerEnv, backendEnv, databaseUrl, newProject, type Project, type RunContext } from "./project";
import type { ConfigReport } from "./report";
import { diffSnapshots, only, snapshotSchema, type Snapshot } from "./schema";
import { checkDatabaseFaults, type FaultObservation } from "./faults";
import { checkSeveralInstances, runsSeveralInstances } from "./instances";
import { checkMailFaults, sendsMail } from "./mail-faults";
import { checkRedisFaults, hasRedisStorage } from "./redis-faults";
import { checkHealthScript, checkSetupScripts } from "./project-scripts";
import { checkSecretRotation } from "./rotation";
import { checkCors, checkJwksFetching, checkOAuthRedirect, checkRateLimit, checkSession } from "./service-checks";
import { emailPasswordSignIn, freshSession, magicLinkSignIn, newEmail, type Identity } from "./signin";

/** Runs the config; with `faults`, also the database fault scenarios, whose observations it returns. */
export async function runConfig(
  ctx: RunContext,
  config: Config,
  report: ConfigReport,
  ports: { auth: number; backend: number; frontend: number },
  faults: boolean,
): Promise<FaultObservation[]> {
  const p = await report.step("generate the project and write its files", () => newProject(ctx, config, ports));
  const demo = await report.step(`serve frontend/demo at ${p.frontendOrigin} (the browser test's frontend origin)`, () => serveDemo(p));
  try {
    return await exerciseProject(ctx, p, report, faults);
  } finally {
    await demo.stop();
  }
}

/** Everything after generation, while the demo page is served. */
async function exerciseProject(ctx: RunContext, p: Project, report: ConfigReport, faults: boolean): Promise<FaultObservation[]> {
  const { config } = p;
  await report.step("link the shared node_modules", () => linkNodeModules(p.authDir, ctx.node));
  await checkFrontendTypes(ctx, p, report);
  if (config.stack.orm === "prisma") {
    await report.step(PRISMA_CLIENT_STEP, () =>
      mustRun("npm", ["run", "prisma:generate"], { cwd: p.authDir, env: authServerEnv(ctx, p, "postgres"), timeoutMs: 120_000 }),
    );
  }
  await report.step(
    `create databases ${p.databases.a} and ${p.databases.b}${p.pooled ? ` (reached through PgBouncer, transaction pooling: ${databaseUrl(ctx, p, "<db>")})` : ""}`,
    async () => {
      await ctx.cluster.createDatabase(p.databases.a);
      await ctx.cluster.createDatabase(p.databases.b);
    },
  );
  await checkNodeRuntime(ctx, p, report);
  await checkMigrations(ctx, p, report);
  await checkSetupScripts(ctx, p, report);
  await checkStartupRefusals(ctx, p, report);

  const pooledBefore = p.pooled ? await ctx.cluster.pooledTransactions(p.databases.a) : 0;
  const services: Service[] = [];
  let identity: Identity | undefined;
  try {
    services.push(await report.step("start the auth server (npm start) and wait for GET /health/ready", () => startAuthServer(ctx, p)));
    services.push(await report.step("start the backend (uvicorn) and wait for GET /health/ready", () => startBackend(ctx, p)));
    await checkHealthScript(p, report);
    identity = await exerciseServices(ctx, p, report, services[0]);
  } finally {
    for (const service of services.reverse()) await service.stop();
    if (!report.passed) for (const service of services) printLog(service);
  }
  if (p.pooled) {
    await report.check(`the running services' queries to ${p.databases.a} went through PgBouncer`, async () => {
      const transactions = (await ctx.cluster.pooledTransactions(p.databases.a)) - pooledBefore;
      assertThat(transactions > 0, "PgBouncer saw no transaction while the services ran: they bypassed it");
      console.log(`      (${transactions} transactions through PgBouncer while the services ran)`);
    });
  }
  const observations = faults && identity ? await checkDatabaseFaults(ctx, p, report, identity) : [];
  if (faults && sendsMail(p)) observations.push(...(await checkMailFaults(ctx, p, report)));
  if (faults && identity) observations.push(...(await checkSecretRotation(ctx, p, report, identity)));
  if (runsSeveralInstances(p)) observations.push(...(await checkSeveralInstances(ctx, p, report)));
  if (hasRedisStorage(p)) observations.push(...(await checkRedisFaults(ctx, p, report)));
  await runProjectTests(ctx, p, report);
  if (config.stack.orm === "prisma") {
    await report.check("the schema-engine stand-in was never executed (the Prisma variant ran on its generated client only)", async () =>
      assertStandInUnused(ctx.schemaEngineStandIn),
    );
  }
  return observations;
}

function printLog(service: Service): void {
  console.log(`  --- ${service.name} log (last lines) ---\n${tail(service.log(), 80).replace(/^/gm, "  | ")}`);
}

/** The `node` the auth server's npm scripts start is the release this config is meant to run on. */
async function checkNodeRuntime(ctx: RunContext, p: Project, report: ConfigReport): Promise<void> {
  const expected = `v${NODE_RELEASES[nodeLineOf(p.config)]}`;
  await report.check(`the auth server's scripts run on Node.js ${expected}`, async () => {
    const result = await mustRun("npm", ["exec", "--", "node", "-p", "process.version"], {
      cwd: p.authDir,
      env: authServerEnv(ctx, p, "postgres"),
      timeoutMs: 60_000,
    });
    assertThat(result.output.trim().endsWith(expected), `node under npm is ${result.output.trim()}`);
  });
}

/**
 * Database a: `alembic upgrade head`, then `npm run migrate`. Database b: the
 * reverse. Neither second migration may change anything, and both orders
 * must produce the same auth tables.
 */
async function checkMigrations(ctx: RunContext, p: Project, report: ConfigReport): Promise<void> {
  const { a, b } = p.databases;
  const alembic = (database: string) =>
    mustRun(join(ctx.venv.dir, "bin", "alembic"), ["upgrade", "head"], { cwd: p.backendDir, env: backendEnv(ctx, p, database), timeoutMs: 120_000 });
  const npmMigrate = (database: string) => mustRun("npm", ["run", "migrate"], { cwd: p.authDir, env: authServerEnv(ctx, p, database), timeoutMs: 120_000 });

  await report.step(`${a}: alembic upgrade head`, () => alembic(a));
  const aAfterAlembic = await snapshotSchema(ctx.cluster, a);
  await report.step(`${a}: npm run migrate`, () => npmMigrate(a));
  const aAfterBoth = await snapshotSchema(ctx.cluster, a);
  await report.step(`${b}: npm run migrate`, () => npmMigrate(b));
  const bAfterNpm = await snapshotSchema(ctx.cluster, b);
  await report.step(`${b}: alembic upgrade head`, () => alembic(b));
  const bAfterBoth = await snapshotSchema(ctx.cluster, b);
  const authTables = [...bAfterNpm.keys()];

  const same = async (before: Snapshot, after: Snapshot, beforeName: string, afterName: string) => {
    const differences = diffSnapshots(before, after, beforeName, afterName);
    assertThat(differences.length === 0, differences.join("\n"));
  };
  await report.check("npm run migrate after alembic upgrade head has nothing to create or alter", () =>
    same(aAfterAlembic, aAfterBoth, "after alembic", "after npm run migrate"),
  );
  await report.check("alembic upgrade head after npm run migrate leaves the auth tables unchanged", () =>
    same(only(bAfterNpm, authTables), only(bAfterBoth, authTables), "after npm run migrate", "after alembic"),
  );
  await report.check(`the Alembic auth tables equal better-auth's (${authTables.join(", ")})`, () =>
    same(only(bAfterNpm, authTables), only(aAfterAlembic, authTables), "better-auth (npm run migrate)", "alembic"),
  );
}

/**
 * A misconfigured service must stop at once and say which variables to fix:
 * the auth server without DATABASE_URL, with a short secret and without the
 * chosen OAuth client ids; the backend without DATABASE_URL (and, in
 * database mode, with a short secret).
 */
async function checkStartupRefusals(ctx: RunContext, p: Project, report: ConfigReport): Promise<void> {
  const without = (env: NodeJS.ProcessEnv, names: string[]) => Object.fromEntries(Object.entries(env).filter(([k]) => !names.includes(k))) as NodeJS.ProcessEnv;
  const providers = p.config.auth.oauth.providers.map((provider) => `${provider.toUpperCase()}_CLIENT_ID`);
  const expectRefusal = async (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, names: string[]) => {
    const result = await run(command, args, { cwd, env, timeoutMs: 45_000 });
    assertThat(result.code !== 0 && result.code !== null, `it did not exit with an error (exit ${result.code}):\n${tail(result.output, 20)}`);
    const missing = names.filter((name) => !result.output.toUpperCase().includes(name));
    assertThat(missing.length === 0, `the message does not name ${missing.join(", ")}:\n${tail(result.output, 20)}`);
  };
  const authNames = ["DATABASE_URL", "BETTER_AUTH_SECRET", ...providers];
  await report.check(
    `auth server refuses to start without DATABASE_URL, with a 20-character secret${providers.length ? `, without ${providers.join(", ")}` : ""}, naming each`,
    () =>
      expectRefusal(
        "npm",
        ["start"],
        p.authDir,
        { ...without(authServerEnv(ctx, p, p.databases.a), authNames), BETTER_AUTH_SECRET: "x".repeat(20) },
        authNames,
      ),
  );
  const backendNames = p.config.session.validationMethod === "database" ? ["DATABASE_URL", "BETTER_AUTH_SECRET"] : ["DATABASE_URL"];
  await report.check(`backend refuses to start without DATABASE_URL${backendNames.length > 1 ? " and with a 20-character secret" : ""}, naming each`, () =>
    expectRefusal(
      join(ctx.venv.dir, "bin", "uvicorn"),
      ["src.main:app", "--host", "127.0.0.1", "--port", String(p.backendPort)],
      p.backendDir,
      { ...without(backendEnv(ctx, p, p.databases.a), ["DATABASE_URL"]), BETTER_AUTH_SECRET: "x".repeat(20) },
      backendNames,
    ),
  );
}

/** Waits for readiness (the database answers), then checks that liveness answers JSON. */
async function waitForHealth(url: string, service: Service): Promise<void> {
  const ready = `${url}/health/ready`;
  await waitFor(ready, async () => (await fetch(ready, { signal: AbortSignal.timeout(5000) })).status === 200, 90_000, service).catch((error) => {
    throw new Error(`${(error as Error).message}\n${tail(service.log(), 40)}`);
  });
  const reply = await fetch(`${url}/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  assertThat(reply.headers.get("content-type")?.includes("json"), `${url}/health is not JSON: ${reply.headers.get("content-type")}`);
}

async function startAuthServer(ctx: RunContext, p: Project): Promise<Service> {
  const service = startService("auth-server", "npm", ["start"], { cwd: p.authDir, env: authServerEnv(ctx, p, p.databases.a) });
  await waitForHealth(p.authUrl, service);
  return service;
}

const VERCEL_ENTRY_SCRIPT = fileURLToPath(new URL("./vercel-entry.ts", import.meta.url));

/** The Vercel function serves the same app: health and the session of a user signed in through `npm start`. */
async function checkVercelEntry(ctx: RunContext, p: Project, report: ConfigReport, identity: Identity): Promise<void> {
  await report.request("Vercel function api/index.ts (run as Vercel's Node runtime calls it, (req, res)) answers /health and knows the session", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { ...authServerEnv(ctx, p, p.databases.a), PORT: String(port), BETTER_AUTH_URL: url };
    const service = startService("vercel-entry", "node", ["--import", ctx.tsxLoader, VERCEL_ENTRY_SCRIPT, join(p.authDir, "api", "index.ts"), String(port)], {
      cwd: p.authDir,
      env,
    });
    try {
      await waitForHealth(url, service);
      const reply = await new Browser(url, p.config.cors.origins[0]).get("/api/auth/get-session", { authorization: `Bearer ${identity.signed}` });
      expectStatus(reply, 200, "get-session through the Vercel function");
      assertThat((jsonObject(reply, "get-session").user as { id?: string })?.id === identity.userId, `get-session returned ${reply.text.slice(0, 300)}`);
    } finally {
      await service.stop();
    }
  });
}

async function startBackend(ctx: RunContext, p: Project): Promise<Service> {
  const service = startService("backend", join(ctx.venv.dir, "bin", "uvicorn"), ["src.main:app", "--host", "127.0.0.1", "--port", String(p.backendPort)], {
    cwd: p.backendDir,
    env: backendEnv(ctx, p, p.databases.a),
  });
  await waitForHealth(p.backendUrl, service);
  return service;
}

/** Drives both services; returns the first signed-in user, for the fault scenarios. */
async function exerciseServices(ctx: RunContext, p: Project, report: ConfigReport, authServer: Service): Promise<Identity | undefined> {
  const origin = p.config.cors.origins[0];
  const browser = () => new Browser(p.authUrl, origin);
  const identities: Identity[] = [];
  const { emailPassword, magicLink } = p.config.auth;

  if (emailPassword.enabled) {
    const identity = await emailPasswordSignIn(ctx, p, report, browser());
    if (identity) identities.push(identity);
  }
  if (magicLink.enabled) {
    const identity = await magicLinkSignIn(ctx, p, report, browser(), newEmail(p, "magic"));
    if (identity) identities.push(identity);
  }
  const identity = identities[0];
  if (identity) {
    await checkSession(p, report, identity);
    await checkNotes(p, report, identity);
    if (p.config.deployment.authServer === "vercel") await checkVercelEntry(ctx, p, report, identity);
    if (identity.jwt) await checkJwksFetching(p, report, identity, authServer);
    await checkCredentials({
      p,
      report,
      cluster: ctx.cluster,
      identity,
      tsxLoader: ctx.tsxLoader,
      env: authServerEnv(ctx, p, p.databases.a),
      freshSession: () => freshSession(ctx, p, report, browser),
    });
    await checkSessionEnd({ p, report, cluster: ctx.cluster, redis: ctx.redis, identity, freshSession: () => freshSession(ctx, p, report, browser) });
  }
  for (const provider of p.config.auth.oauth.providers) await checkOAuthRedirect(p, report, browser(), provider);
  await checkFrontend(ctx, p, report, authServer);
  await checkCors(p, report);
  await checkRateLimit(p, report, browser());
  return identity;
}

async function runProjectTests(ctx: RunContext, p: Project, report: ConfigReport): Promise<void> {
  const database = p.databases.b;
  await report.check("the project's auth server type-checks (npm run typecheck)", async () => {
    const result = await run("npm", ["run", "typecheck"], { cwd: p.authDir, env: authServerEnv(ctx, p, database), timeoutMs: 300_000 });
    if (result.code !== 0) throw new Error(`npm run typecheck exited ${result.code}\n${tail(result.output, 80)}`);
  });
  await report.check("the project's auth-server tests (npm test) pass", async () => {
    const result = await run("npm", ["test"], { cwd: p.authDir, env: { ...authServerEnv(ctx, p, database), NODE_ENV: "test" }, timeoutMs: 300_000 });
    if (result.code !== 0) throw new Error(`npm test exited ${result.code}\n${tail(result.output, 80)}`);
  });
  await report.check("the project's backend tests (pytest) pass", async () => {
    const result = await run(join(ctx.venv.dir, "bin", "python"), ["-m", "pytest", "-q", "-p", "no:cacheprovider"], {
      cwd: p.backendDir,
      env: backendEnv(ctx, p, database),
      timeoutMs: 300_000,
    });
    if (result.code !== 0) throw new Error(`pytest exited ${result.code}\n${tail(result.output, 80)}`);
  });
}
