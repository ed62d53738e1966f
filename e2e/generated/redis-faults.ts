/**
 * Redis faults, for the configs that keep rate-limit counters (and session
 * copies) in Redis: one auth server with REDIS_URL through a TCP proxy in
 * front of a fresh redis-server, which the test makes refuse connections and
 * black-holes, then restores. While Redis is down the auth server must keep
 * running and answer every /api/auth route with 503 SERVICE_UNAVAILABLE
 * within 2 s (refused) or 6 s (black hole), `/health/ready` 503 naming Redis,
 * with one log line per outage; the backend keeps accepting the JWT it
 * verified before (JWT mode); after Redis returns, 200 again within 10 s with
 * no restart.
 */
import {
  checkAnswersDuringOutage,
  checkRecovery,
  HANG_BOUND_MS,
  RECOVERY_BOUND_MS,
  REFUSED_BOUND_MS,
  timed,
  type FaultObservation,
  type OutageRequest,
  type Timed,
} from "./faults";
import { assertThat, Browser } from "./http";
import { startBackend, waitReady } from "./instances";
import { startService, tail, type Service } from "./processes";
import { authServerEnv, type Project, type RunContext } from "./project";
import { startRedis } from "./redis";
import type { ConfigReport } from "./report";
import { freshSession } from "./signin";
import { startTcpProxy } from "./tcp-proxy";

export const hasRedisStorage = (p: Project) => p.config.rateLimit.storage === "redis";

/** Each request is sent this many times per outage: the log must still say it once. */
const REPEATS = 3;

type Expectation = "auth503" | "ready503" | "ok";

/** Log lines that are not the access log: warnings, errors, and anything printed outside the JSON logger. */
function noteworthy(lines: string[]): string[] {
  return lines.filter((line) => line.trim() && !/"level":"(?:info|debug)"/.test(line));
}

function problemWith(expected: Expectation, reply: Timed, bound: number): string | null {
  if (reply.ms > bound) return `took ${reply.ms} ms (bound ${bound} ms)`;
  if (expected === "ok") return reply.status === 200 ? null : `HTTP ${reply.status}: ${reply.body.slice(0, 200)}`;
  if (reply.status !== 503) return `HTTP ${reply.status} instead of 503: ${reply.body.slice(0, 200)}`;
  if (expected === "ready503") {
    const body = JSON.parse(reply.body) as Record<string, unknown>;
    return body.redis === "unavailable" && body.database === "ok" ? null : `readiness does not name Redis alone: ${reply.body}`;
  }
  if (!reply.headers.get("retry-after")) return "no Retry-After on the 503";
  const body = JSON.parse(reply.body) as { code?: unknown; message?: unknown };
  return body.code === "SERVICE_UNAVAILABLE" && typeof body.message === "string" && /redis/i.test(body.message)
    ? null
    : `body is not {"code":"SERVICE_UNAVAILABLE","message":"…Redis…"}: ${reply.body.slice(0, 200)}`;
}

export async function checkRedisFaults(ctx: RunContext, p: Project, report: ConfigReport): Promise<FaultObservation[]> {
  const observations: FaultObservation[] = [];
  const origin = p.config.cors.origins[0];
  const jwtMode = p.config.session.validationMethod === "jwt";
  const redis = await report.step("start a fresh redis-server behind the fault proxy", () => startRedis());
  const proxy = await startTcpProxy(redis.port);
  const services: Service[] = [redis.service];

  try {
    const auth = startService("auth-server (Redis through the fault proxy)", "npm", ["start"], {
      cwd: p.authDir,
      env: { ...authServerEnv(ctx, p, p.databases.a), REDIS_URL: `redis://127.0.0.1:${proxy.port}` },
    });
    services.push(auth);
    await report.step("start the auth server with REDIS_URL through the fault proxy, and the backend", async () => {
      await waitReady(p.authUrl, auth);
      const backend = startBackend(ctx, p, p.authUrl);
      services.push(backend);
      await waitReady(p.backendUrl, backend);
    });

    const identity = await freshSession(ctx, p, report, () => new Browser(p.authUrl, origin));
    assertThat(identity, "no session to test the outage with");
    const session = { authorization: `Bearer ${identity.signed}`, origin };
    let backendCredential = identity.raw;
    if (jwtMode) {
      await report.request("before the outage: a JWT from /api/auth/token is accepted by the backend", async () => {
        const token = await timed(`${p.authUrl}/api/auth/token`, { headers: session });
        assertThat(token.status === 200, `token: HTTP ${token.status} ${token.body.slice(0, 200)}`);
        backendCredential = String((JSON.parse(token.body) as { token: unknown }).token);
        const me = await timed(`${p.backendUrl}/api/me`, { headers: { authorization: `Bearer ${backendCredential}`, origin } });
        assertThat(me.status === 200, `/api/me: HTTP ${me.status} ${me.body.slice(0, 200)}`);
      });
    }

    const requests: OutageRequest<Expectation>[] = [
      { name: "auth get-session", send: () => timed(`${p.authUrl}/api/auth/get-session`, { headers: session }), whenDown: "auth503" },
      ...(jwtMode ? [{ name: "auth token", send: () => timed(`${p.authUrl}/api/auth/token`, { headers: session }), whenDown: "auth503" as const }] : []),
      { name: "auth /api/auth/me", send: () => timed(`${p.authUrl}/api/auth/me`, { headers: session }), whenDown: "auth503" },
      { name: "auth /api/auth/ok", send: () => timed(`${p.authUrl}/api/auth/ok`, { headers: { origin } }), whenDown: "auth503" },
      { name: "auth /health", send: () => timed(`${p.authUrl}/health`), whenDown: "ok" },
      { name: "auth /health/ready", send: () => timed(`${p.authUrl}/health/ready`), whenDown: "ready503" },
      {
        name: jwtMode ? "backend /api/me (JWT from before)" : "backend /api/me (session token)",
        send: () => timed(`${p.backendUrl}/api/me`, { headers: { authorization: `Bearer ${backendCredential}`, origin } }),
        whenDown: "ok",
      },
    ];

    const outage = async (scenario: string, bound: number, inject: () => Promise<void> | void) => {
      const logStart = auth.log().length;
      await inject();
      await checkAnswersDuringOutage(report, `${scenario}: every request answers as documented within ${bound} ms (each sent ${REPEATS} times)`, {
        scenario,
        bound,
        requests,
        judge: problemWith,
        observations,
        rounds: REPEATS,
      });
      const outageLines = noteworthy(auth.log().slice(logStart).split("\n"));
      await proxy.restore();
      await checkRecovery(report, `${scenario}, then Redis returns: get-session and /health/ready answer 200 within ${RECOVERY_BOUND_MS} ms, no restart`, {
        scenario,
        waitingFor: "get-session and /health/ready to answer 200",
        row: "get-session + /health/ready → 200",
        recovered: async () => (await requests[0].send()).status === 200 && (await timed(`${p.authUrl}/health/ready`)).status === 200,
        observations,
        watched: auth,
      });
      await report.check(`${scenario}: the auth server logged the outage once (not per request) and its end, and did not exit`, async () => {
        const sent = REPEATS * requests.length;
        console.log(`      (${sent} requests during the outage; warnings and errors logged: ${outageLines.length})`);
        assertThat(!auth.exited(), `the auth server exited:\n${tail(auth.log(), 30)}`);
        assertThat(
          outageLines.length === 1 && outageLines[0].includes("redis unavailable"),
          `expected one "redis unavailable" line, got ${outageLines.length}:\n${outageLines.slice(0, 5).join("\n").slice(0, 1500)}`,
        );
        assertThat(auth.log().slice(logStart).includes("redis available again"), 'no "redis available again" line after the outage');
      });
    };

    await outage("Redis refuses connections", REFUSED_BOUND_MS, () => proxy.refuse());
    await outage("Redis black-holed (accepts, never answers)", HANG_BOUND_MS, () => proxy.blackhole());
  } finally {
    if (!report.passed) for (const service of services) console.log(`  --- ${service.name} log ---\n${tail(service.log(), 60).replace(/^/gm, "  | ")}`);
    for (const service of services.reverse()) await service.stop();
    await proxy.stop();
  }
  return observations;
}
