/**
 * Database faults, injected for real: both services run with DATABASE_URL
 * through a TCP proxy that the test cuts, makes refuse connections and
 * black-holes, then restores. Each scenario measures how long the answers
 * take and checks their status and shape: 503 in each service's own error
 * shape (with CORS headers on the backend) within 2 s when refused and 6 s
 * when black-holed, JWT mode still answering, no process exit, and both
 * services answering again within 10 s of the database's return.
 */
import type { Config } from "../../lib/config/schema";
import { assertThat } from "./http";
import { sleep, startService, tail, waitFor, type Service } from "./processes";
import { authServerEnv, backendEnv, PASSWORD, type Project, type RunContext } from "./project";
import type { ConfigReport } from "./report";
import type { Identity } from "./signin";
import { checkInputLimits } from "./input-limits";
import { forgetRateLimits } from "./redis";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";
import { join } from "node:path";

/** Bounds from the generated project's documented contract. */
export const REFUSED_BOUND_MS = 2000;
export const HANG_BOUND_MS = 6000;
export const RECOVERY_BOUND_MS = 10_000;

/** The fault matrix runs on the first config of each framework × ORM × validation mode. */
export function faultMatrix(configs: Config[]): Set<string> {
  const seen = new Map<string, string>();
  for (const c of configs) {
    const key = `${c.stack.framework}/${c.stack.orm}/${c.session.validationMethod}`;
    if (!seen.has(key)) seen.set(key, c.projectName);
  }
  return new Set(seen.values());
}

/** One timed observation, for the per-config table printed at the end. */
export type FaultObservation = { scenario: string; request: string; status: number; ms: number; ok: boolean };

export type Timed = { status: number; ms: number; body: string; headers: Headers };

export async function timed(url: string, init: RequestInit = {}): Promise<Timed> {
  const started = Date.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000), ...init });
    const body = await response.text();
    return { status: response.status, ms: Date.now() - started, body, headers: response.headers };
  } catch (error) {
    return { status: 0, ms: Date.now() - started, body: (error as Error).message, headers: new Headers() };
  }
}

function startThroughProxy(ctx: RunContext, p: Project, proxy: TcpProxy): { auth: Service; backend: Service } {
  const url = `postgresql://postgres:postgres@127.0.0.1:${proxy.port}/${p.databases.a}`;
  const auth = startService("auth-server (through the fault proxy)", "npm", ["start"], {
    cwd: p.authDir,
    env: { ...authServerEnv(ctx, p, p.databases.a), DATABASE_URL: url },
  });
  const backend = startService(
    "backend (through the fault proxy)",
    join(ctx.venv.dir, "bin", "uvicorn"),
    ["src.main:app", "--host", "127.0.0.1", "--port", String(p.backendPort)],
    { cwd: p.backendDir, env: { ...backendEnv(ctx, p, p.databases.a), DATABASE_URL: url } },
  );
  return { auth, backend };
}

/** One request of an outage scenario, and the kind of answer it owes while the dependency is down. */
export type OutageRequest<Kind extends string> = { name: string; send: () => Promise<Timed>; whenDown: Kind };

type DuringOutage<Kind extends string> = {
  scenario: string;
  bound: number;
  requests: OutageRequest<Kind>[];
  /** Why a reply is not the one owed, or null when it is. */
  judge: (kind: Kind, reply: Timed, bound: number) => string | null;
  observations: FaultObservation[];
  /** How many times each request is sent; the table gets the first round, every round is checked. */
  rounds?: number;
};

/** While a fault is injected: every request answers as its kind says, within the scenario's bound. */
export async function checkAnswersDuringOutage<Kind extends string>(report: ConfigReport, title: string, outage: DuringOutage<Kind>): Promise<void> {
  const rounds = outage.rounds ?? 1;
  await report.request(title, async () => {
    const problems: string[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const request of outage.requests) {
        const reply = await request.send();
        const problem = outage.judge(request.whenDown, reply, outage.bound);
        if (round === 0)
          outage.observations.push({ scenario: outage.scenario, request: request.name, status: reply.status, ms: reply.ms, ok: problem === null });
        if (problem) problems.push(rounds > 1 ? `${request.name} (round ${round + 1}): ${problem}` : `${request.name}: ${problem}`);
      }
    }
    assertThat(problems.length === 0, problems.join("\n"));
  });
}

type Recovery = {
  scenario: string;
  /** What `recovered` waits for, and the table's name for it. */
  waitingFor: string;
  row: string;
  recovered: () => Promise<boolean>;
  observations: FaultObservation[];
  /** A service whose exit ends the wait at once. */
  watched?: Service;
  /** Services that must still be running once recovered. */
  alive?: Service[];
};

/** Once the fault is removed: `recovered` holds within RECOVERY_BOUND_MS, with no restart; the time goes to the table. */
export async function checkRecovery(report: ConfigReport, title: string, recovery: Recovery): Promise<void> {
  await report.request(title, async () => {
    const started = Date.now();
    await waitFor(recovery.waitingFor, recovery.recovered, RECOVERY_BOUND_MS + 5000, recovery.watched);
    const ms = Date.now() - started;
    recovery.observations.push({ scenario: `${recovery.scenario} → recovery`, request: recovery.row, status: 200, ms, ok: ms <= RECOVERY_BOUND_MS });
    assertThat(ms <= RECOVERY_BOUND_MS, `recovery took ${ms} ms`);
    for (const service of recovery.alive ?? []) assertThat(!service.exited(), `${service.name} exited`);
  });
}

export async function checkDatabaseFaults(ctx: RunContext, p: Project, report: ConfigReport, identity: Identity): Promise<FaultObservation[]> {
  const observations: FaultObservation[] = [];
  const origin = p.config.cors.origins[0];
  const jwtMode = p.config.session.validationMethod === "jwt";
  const sessionInRedis = p.config.rateLimit.storage === "redis";
  // The checks before this one spent the shared counters of the requests below.
  if (sessionInRedis) await forgetRateLimits(ctx.redis, `${p.config.projectName}:`);
  const proxy = await startTcpProxy(ctx.cluster.port);
  const { auth, backend } = startThroughProxy(ctx, p, proxy);
  const services = [auth, backend];
  const bearer = { authorization: `Bearer ${identity.signed}`, origin };
  const backendCredential = { authorization: `Bearer ${jwtMode ? identity.jwt : identity.raw}`, origin };
  const signInRequest = (): [string, RequestInit] =>
    p.config.auth.emailPassword.enabled
      ? [
          `${p.authUrl}/api/auth/sign-in/email`,
          { method: "POST", headers: { origin, "content-type": "application/json" }, body: JSON.stringify({ email: identity.email, password: PASSWORD }) },
        ]
      : [
          `${p.authUrl}/api/auth/sign-in/magic-link`,
          { method: "POST", headers: { origin, "content-type": "application/json" }, body: JSON.stringify({ email: identity.email }) },
        ];

  const requests: OutageRequest<"auth503" | "backend503" | "ok" | "ready503" | "live">[] = [
    { name: "auth sign-in", send: () => timed(...signInRequest()), whenDown: "auth503" },
    // With Redis storage better-auth reads the session's copy there first, so get-session needs no database.
    { name: "auth get-session", send: () => timed(`${p.authUrl}/api/auth/get-session`, { headers: bearer }), whenDown: sessionInRedis ? "ok" : "auth503" },
    ...(jwtMode ? [{ name: "auth token", send: () => timed(`${p.authUrl}/api/auth/token`, { headers: bearer }), whenDown: "auth503" as const }] : []),
    { name: "auth /health", send: () => timed(`${p.authUrl}/health`), whenDown: "live" },
    { name: "auth /health/ready", send: () => timed(`${p.authUrl}/health/ready`), whenDown: "ready503" },
    { name: "backend /api/me", send: () => timed(`${p.backendUrl}/api/me`, { headers: backendCredential }), whenDown: jwtMode ? "ok" : "backend503" },
    { name: "backend /health", send: () => timed(`${p.backendUrl}/health`), whenDown: "live" },
    ...(jwtMode ? [] : [{ name: "backend /health/ready", send: () => timed(`${p.backendUrl}/health/ready`), whenDown: "ready503" as const }]),
  ];

  const expectDown = (kind: (typeof requests)[number]["whenDown"], reply: Timed, bound: number): string | null => {
    if (reply.ms > bound) return `took ${reply.ms} ms (bound ${bound} ms)`;
    if (kind === "ok" || kind === "live") return reply.status === 200 ? null : `HTTP ${reply.status}: ${reply.body.slice(0, 200)}`;
    if (reply.status !== 503) return `HTTP ${reply.status} instead of 503: ${reply.body.slice(0, 200)}`;
    if (kind === "auth503")
      return reply.body.includes('"code":"SERVICE_UNAVAILABLE"') ? null : `body is not {"code":"SERVICE_UNAVAILABLE",…}: ${reply.body.slice(0, 200)}`;
    if (kind === "backend503") {
      if (!reply.body.startsWith('{"detail":')) return `body is not {"detail": …}: ${reply.body.slice(0, 200)}`;
      return reply.headers.get("access-control-allow-origin") === origin ? null : "no Access-Control-Allow-Origin on the 503";
    }
    return null;
  };

  const backendMe = requests.find((r) => r.name === "backend /api/me")!;
  const outage = async (scenario: string, bound: number, inject: () => Promise<void> | void) => {
    await inject();
    await checkAnswersDuringOutage(report, `${scenario}: every request answers as documented within ${bound} ms`, {
      scenario,
      bound,
      requests,
      judge: expectDown,
      observations,
    });
    await proxy.restore();
    await checkRecovery(report, `${scenario}, then the database returns: both services answer 200 again within ${RECOVERY_BOUND_MS} ms, no restart`, {
      scenario,
      waitingFor: "get-session and /api/me to answer 200",
      row: "get-session + /api/me → 200",
      recovered: async () => {
        const [session, me] = await Promise.all([requests[1].send(), backendMe.send()]);
        return session.status === 200 && me.status === 200;
      },
      observations,
      alive: services,
    });
  };

  try {
    await report.step("start both services with DATABASE_URL through the fault proxy", async () => {
      for (const [service, url] of [
        [auth, p.authUrl],
        [backend, p.backendUrl],
      ] as const) {
        await waitFor(`${url}/health/ready`, async () => (await timed(`${url}/health/ready`)).status === 200, 90_000, service).catch((error) => {
          throw new Error(`${(error as Error).message}\n${tail(service.log(), 40)}`);
        });
      }
    });

    await checkInputLimits(p, report, identity);

    await report.request("connections cut while 20 requests are in flight: neither process exits, later requests succeed", async () => {
      const inFlight = Array.from({ length: 10 }, () => [requests[1].send(), backendMe.send()]).flat();
      await sleep(20);
      proxy.cut();
      await Promise.all(inFlight);
      await sleep(500);
      for (const service of services) assertThat(!service.exited(), `${service.name} exited:\n${tail(service.log(), 30)}`);
      await waitFor("get-session → 200 after the cut", async () => (await requests[1].send()).status === 200, RECOVERY_BOUND_MS);
    });

    const logBefore = services.map((s) => s.log().split("\n").length);
    await outage("database refuses connections", REFUSED_BOUND_MS, () => proxy.refuse());
    await outage("database black-holed (accepts, never answers)", HANG_BOUND_MS, () => proxy.blackhole());

    await report.check("outages leave no Python traceback in the backend log and no stack in the auth server's log lines after the first", async () => {
      const newLines = services.map((s, i) => s.log().split("\n").slice(logBefore[i]));
      assertThat(
        !newLines[1].some((line) => line.startsWith("Traceback")),
        `backend log:\n${newLines[1].filter((l) => l.startsWith("Traceback")).length} tracebacks`,
      );
      const stacks = newLines[0].filter((line) => line.includes('"stack"')).length;
      console.log(`      (log lines during both outages: auth server ${newLines[0].length}, ${stacks} with a stack; backend ${newLines[1].length})`);
      assertThat(
        stacks <= 4,
        `${stacks} auth-server log lines carry a stack:\n${newLines[0]
          .filter((l) => l.includes('"stack"'))
          .slice(0, 3)
          .join("\n")
          .slice(0, 1500)}`,
      );
    });
  } finally {
    for (const service of services) await service.stop();
    if (!report.passed) for (const service of services) console.log(`  --- ${service.name} log ---\n${tail(service.log(), 60).replace(/^/gm, "  | ")}`);
    await proxy.stop();
  }
  return observations;
}

/** The per-config table of what each fault scenario observed. */
export function faultTable(label: string, observations: FaultObservation[]): string {
  const header = ["scenario", "request", "status", "ms", "ok"];
  const rows = observations.map((o) => [o.scenario, o.request, String(o.status), String(o.ms), o.ok ? "ok" : "FAIL"]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ");
  return [`faults, ${label}:`, line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}
