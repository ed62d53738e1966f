/**
 * `npm run bench:generated`: how close the generated backend runs to a bare
 * FastAPI endpoint, and how many get-session requests the auth server serves.
 *
 * For each session validation mode it generates a project, starts both
 * services as the e2e does (PostgreSQL on loopback, the auth server on the
 * active Node LTS, the backend on one uvicorn worker), signs a user in, and
 * runs wrk (one thread, 32 connections) alternately against a bare endpoint
 * served by the same uvicorn from the same virtualenv and against the
 * project's `/api/me`. It prints figures; it asserts nothing about speed,
 * only that the answers are the expected ones (a fast 401 is no result).
 * In database mode the requests cycle through as many sessions as wrk has
 * connections, so lookups that share a query carry distinct tokens, as real
 * traffic does.
 *
 * Environment: BENCH_SECONDS (per wrk run, default 5), BENCH_PAIRS (default 3),
 * BENCH_MODES (comma-separated validation modes to run, e.g. `database`; default all).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseConfig, type Config, type ConfigInput } from "../../lib/config/schema";
import { installNodeRuntime, installNodeUnion, installPythonUnion, linkNodeModules, NODE_RELEASES } from "./deps";
import { assertThat, Browser, expectStatus, jsonObject } from "./http";
import { startCluster } from "./postgres";
import { freePort } from "../support/free-port";
import { mustRun, onCleanup, run, runCleanups, startService, waitFor, type Service } from "./processes";
import { authServerEnv, backendEnv, newProject, PASSWORD, writeProject, type Project, type RunContext } from "./project";
import { startRedis } from "./redis";
import { startMailCapture } from "./smtp";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CACHE = join(ROOT, ".cache", "generated-e2e");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const CONNECTIONS = 32;

/**
 * One project per validation mode. The rate limit is off: wrk sends every
 * request from one address, which a production limit would (rightly) refuse.
 */
const COMMON: ConfigInput = {
  database: { host: "local" },
  auth: { emailPassword: { enabled: true } },
  rateLimit: { enabled: false },
  email: { transport: "console" },
};
const ALL_CONFIGS: ConfigInput[] = [
  { ...COMMON, projectName: "bench-jwt", session: { validationMethod: "jwt" }, stack: { framework: "hono", orm: "pg" } },
  { ...COMMON, projectName: "bench-database", session: { validationMethod: "database" }, stack: { framework: "express", orm: "pg" } },
];
const MODES = process.env.BENCH_MODES?.split(",")
  .map((mode) => mode.trim())
  .filter(Boolean);
const BENCH_CONFIGS = MODES ? ALL_CONFIGS.filter((c) => MODES.includes(String(c.session?.validationMethod))) : ALL_CONFIGS;

const BARE_APP = `from fastapi import FastAPI

app = FastAPI()


@app.get("/bare")
async def bare() -> dict:
    return {"ok": True}


@app.get("/health")
async def health() -> dict:
    return {"status": "ok"}
`;

type WrkResult = { rps: number; p50: string; p99: string; non2xx: number };

function parseWrk(output: string): WrkResult {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  const latency = (q: string) => new RegExp(`^\\s+${q}%\\s+(\\S+)`, "m").exec(output)?.[1] ?? "?";
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  assertThat(Number.isFinite(rps), `wrk printed no Requests/sec:\n${output}`);
  return { rps, p50: latency("50"), p99: latency("99"), non2xx };
}

async function wrk(url: string, headers: Record<string, string>, seconds = SECONDS, script?: string): Promise<WrkResult> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const scriptArgs = script ? ["-s", script] : [];
  const result = await mustRun("wrk", ["-t1", `-c${CONNECTIONS}`, `-d${seconds}s`, "--latency", ...scriptArgs, ...headerArgs, url], {
    cwd: tmpdir(),
    timeoutMs: (seconds + 30) * 1000,
  });
  const parsed = parseWrk(result.output);
  assertThat(parsed.non2xx === 0, `${url}: ${parsed.non2xx} answers were not 2xx`);
  return parsed;
}

async function ensureWrk(): Promise<void> {
  if ((await run("sh", ["-c", "command -v wrk"], { cwd: tmpdir() })).code === 0) return;
  console.log("installing Debian's wrk");
  await mustRun("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "wrk"], {
    cwd: tmpdir(),
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    timeoutMs: 300_000,
  });
}

function parsed(input: ConfigInput): Config {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(`${String(input.projectName)}: ${result.problems.map((p) => p.message).join("; ")}`);
  return result.config;
}

async function startHealthy(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, url: string): Promise<Service> {
  const service = startService(name, command, args, { cwd, env });
  await waitFor(`${url}/health`, async () => (await fetch(`${url}/health`)).ok, 90_000, service).catch((error) => {
    throw new Error(`${(error as Error).message}\n${service.log().slice(-3000)}`);
  });
  return service;
}

const uvicornArgs = (app: string, port: number) => [app, "--host", "127.0.0.1", "--port", String(port)];

/** Signs a user up and in; returns the credential `/api/me` takes in this mode and the session cookie. */
async function signIn(p: Project): Promise<{ bearer: string; cookie: string; browser: Browser }> {
  const browser = new Browser(p.authUrl, p.config.cors.origins[0]);
  expectStatus(await browser.post("/api/auth/sign-up/email", { name: "Bench", email: "bench@example.com", password: PASSWORD }), 200, "sign-up");
  const signedIn = await browser.post("/api/auth/sign-in/email", { email: "bench@example.com", password: PASSWORD });
  expectStatus(signedIn, 200, "sign-in");
  if (p.config.session.validationMethod === "database") {
    return { bearer: String(jsonObject(signedIn, "sign-in").token), cookie: browser.cookieHeader(), browser };
  }
  const token = await browser.get("/api/auth/token");
  expectStatus(token, 200, "GET /api/auth/token");
  return { bearer: String(jsonObject(token, "token").token), cookie: browser.cookieHeader(), browser };
}

/** More sessions of the bench user: each sign-in's `token` (the rate limit is off, so no pacing). */
async function moreSessions(p: Project, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${p.authUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: p.config.cors.origins[0] },
      body: JSON.stringify({ email: "bench@example.com", password: PASSWORD }),
    });
    const text = await response.text();
    assertThat(response.status === 200, `sign-in ${i + 2}: ${response.status} ${text.slice(0, 300)}`);
    tokens.push(String((JSON.parse(text) as { token: unknown }).token));
  }
  return tokens;
}

/** A wrk script sending each request with the next of `bearers`. */
function rotatingBearers(dir: string, bearers: string[]): string {
  const path = join(dir, "rotating-bearers.lua");
  writeFileSync(
    path,
    `local bearers = { ${bearers.map((b) => JSON.stringify(`Bearer ${b}`)).join(", ")} }
local turn = 0
request = function()
  turn = turn % #bearers + 1
  return wrk.format(nil, nil, { ["Authorization"] = bearers[turn] })
end
`,
  );
  return path;
}

async function benchProject(ctx: RunContext, config: Config, barePort: number): Promise<void> {
  const p = newProject(ctx, config, { auth: await freePort(), backend: await freePort(), frontend: await freePort() });
  const services: Service[] = [];
  try {
    await ctx.cluster.createDatabase(p.databases.a);
    const authEnv = authServerEnv(ctx, p, p.databases.a);
    linkNodeModules(p.authDir, ctx.node);
    await mustRun("npm", ["run", "migrate"], { cwd: p.authDir, env: authEnv, timeoutMs: 120_000 });
    await mustRun(join(ctx.venv.dir, "bin", "alembic"), ["upgrade", "head"], { cwd: p.backendDir, env: backendEnv(ctx, p, p.databases.a), timeoutMs: 120_000 });
    services.push(await startHealthy("auth-server", "npm", ["start"], p.authDir, authEnv, p.authUrl));
    services.push(
      await startHealthy(
        "backend",
        join(ctx.venv.dir, "bin", "uvicorn"),
        uvicornArgs("src.main:app", p.backendPort),
        p.backendDir,
        backendEnv(ctx, p, p.databases.a),
        p.backendUrl,
      ),
    );
    const { bearer, cookie, browser } = await signIn(p);
    const me = { authorization: `Bearer ${bearer}` };
    const meUrl = `${p.backendUrl}/api/me`;
    const first = await fetch(meUrl, { headers: me });
    assertThat(first.status === 200, `GET /api/me answered ${first.status}: ${await first.text()}`);
    const database = config.session.validationMethod === "database";
    const bearers = database ? [bearer, ...(await moreSessions(p, CONNECTIONS - 1))] : [bearer];
    const script = database ? rotatingBearers(ctx.workDir, bearers) : undefined;

    const bareUrl = `http://127.0.0.1:${barePort}/bare`;
    await wrk(bareUrl, {}, 1);
    await wrk(meUrl, me, 1, script);
    console.log(
      `\n${config.projectName} (${config.session.validationMethod} mode, ${config.stack.framework} + ${config.stack.orm}), wrk -t1 -c${CONNECTIONS} -d${SECONDS}s` +
        (database ? `, ${bearers.length} sessions in turn` : ""),
    );
    console.log("  pair  bare req/s  p50      p99      | /api/me req/s  p50      p99      | ratio");
    const ratios: number[] = [];
    for (let pair = 1; pair <= PAIRS; pair++) {
      const bare = await wrk(bareUrl, {});
      const ours = await wrk(meUrl, me, SECONDS, script);
      ratios.push(ours.rps / bare.rps);
      console.log(
        `  ${pair}     ${bare.rps.toFixed(0).padStart(10)}  ${bare.p50.padEnd(8)} ${bare.p99.padEnd(8)} | ${ours.rps.toFixed(0).padStart(13)}  ${ours.p50.padEnd(8)} ${ours.p99.padEnd(8)} | ${((100 * ours.rps) / bare.rps).toFixed(0)} %`,
      );
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    console.log(`  median ratio /api/me ÷ bare: ${(100 * sorted[Math.floor(sorted.length / 2)]).toFixed(0)} %`);

    // better-auth's own /ok, which touches nothing, is the ceiling of this process on this machine right now.
    const ceiling = await wrk(`${p.authUrl}/api/auth/ok`, {});
    const session = await wrk(`${p.authUrl}/api/auth/get-session`, { cookie, origin: p.config.cors.origins[0] });
    console.log(
      `  auth server (${config.stack.framework}, Node ${NODE_RELEASES["24"]}) GET /api/auth/get-session: ${session.rps.toFixed(0)} req/s, p50 ${session.p50}, p99 ${session.p99}` +
        ` (GET /api/auth/ok: ${ceiling.rps.toFixed(0)} req/s)`,
    );

    if (database) {
      expectStatus(await browser.post("/api/auth/sign-out", {}), 200, "sign-out");
      const after = await fetch(meUrl, { headers: me });
      assertThat(after.status === 401, `GET /api/me right after sign-out answered ${after.status}`);
      console.log("  revocation: the first /api/me after sign-out → 401 (no caching of a session's validity)");
    }
  } finally {
    for (const service of services.reverse()) await service.stop();
  }
}

async function main(): Promise<void> {
  if (BENCH_CONFIGS.length === 0) throw new Error(`BENCH_MODES=${process.env.BENCH_MODES}: no such mode (jwt, database)`);
  await ensureWrk();
  const configs = BENCH_CONFIGS.map(parsed);
  const workDir = mkdtempSync(join(tmpdir(), "sidecar-bench-"));
  onCleanup(() => rmSync(workDir, { recursive: true, force: true }));
  const manifests = configs.map((c) => writeProject(join(workDir, "manifests"), c));
  const node = await installNodeUnion(
    CACHE,
    manifests.map((dir) => join(dir, "auth-server", "package.json")),
  );
  const venv = await installPythonUnion(
    CACHE,
    manifests.map((dir) => join(dir, "backend", "requirements.txt")),
  );
  const nodeBins = { "24": await installNodeRuntime(CACHE, "24"), "22": await installNodeRuntime(CACHE, "22") };
  const cluster = await startCluster();
  const mail = await startMailCapture();
  const redis = await startRedis();
  const ctx: RunContext = { cluster, mail, redis, node, nodeBins, venv, workDir, tsxLoader: import.meta.resolve("tsx"), schemaEngineStandIn: "/nonexistent" };

  const bareDir = join(workDir, "bare");
  mkdirSync(bareDir);
  writeFileSync(join(bareDir, "bare.py"), BARE_APP);
  const barePort = await freePort();
  await startHealthy(
    "bare",
    join(venv.dir, "bin", "uvicorn"),
    uvicornArgs("bare:app", barePort),
    bareDir,
    { ...process.env, PATH: `${join(venv.dir, "bin")}:${process.env.PATH}` },
    `http://127.0.0.1:${barePort}`,
  );
  for (const config of configs) await benchProject(ctx, config, barePort);
}

main()
  .then(runCleanups)
  .catch(async (error) => {
    console.error(`bench:generated failed: ${(error as Error).stack ?? error}`);
    await runCleanups();
    process.exit(1);
  });
