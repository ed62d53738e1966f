/**
 * Several auth-server instances on one Redis and one PostgreSQL, as behind a
 * load balancer: two `npm start` processes sharing the public URL, the
 * database and a Redis of their own (a fresh redis-server, so the counters
 * start at zero). Proves the configured rate limit holds for both together,
 * a session made on either works on the other (and ends on both), and the
 * backend accepts the credentials either instance issues.
 */
import { join } from "node:path";
import { freePort } from "../support/free-port";
import type { FaultObservation } from "./faults";
import { assertThat, Browser, expectStatus, jsonObject, type Reply } from "./http";
import { startService, tail, waitFor, type Service } from "./processes";
import { authServerEnv, backendEnv, PASSWORD, type Project, type RunContext } from "./project";
import { startRedis, type RedisServer } from "./redis";
import type { ConfigReport } from "./report";
import { emailPasswordSignIn, type Identity } from "./signin";

const STARTUP_BOUND_MS = 90_000;

type Instance = { name: string; url: string; service: Service };

export const runsSeveralInstances = (p: Project) => p.config.rateLimit.storage === "redis" && p.config.auth.emailPassword.enabled;

export async function waitReady(url: string, service: Service): Promise<void> {
  await waitFor(
    `${url}/health/ready`,
    async () => (await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5000) })).status === 200,
    STARTUP_BOUND_MS,
    service,
  ).catch((error) => {
    throw new Error(`${(error as Error).message}\n${tail(service.log(), 40)}`);
  });
}

/**
 * Two auth servers; both name the first as their public URL (cookies, links and the JWT issuer agree, as behind one
 * domain). One starts after the other is ready: they share one folder here, and with Prisma `npm start` first
 * regenerates the client into it, which two processes at once would write over each other (instances of their own
 * each have their own copy).
 */
async function startInstances(ctx: RunContext, p: Project, redis: RedisServer): Promise<Instance[]> {
  const ports = [await freePort(), await freePort()];
  const publicUrl = `http://127.0.0.1:${ports[0]}`;
  const instances: Instance[] = [];
  for (const [i, name] of ["A", "B"].entries()) {
    const env = { ...authServerEnv(ctx, p, p.databases.a), PORT: String(ports[i]), BETTER_AUTH_URL: publicUrl, REDIS_URL: redis.url };
    const instance = { name, url: `http://127.0.0.1:${ports[i]}`, service: startService(`auth-server ${name}`, "npm", ["start"], { cwd: p.authDir, env }) };
    instances.push(instance);
    await waitReady(instance.url, instance.service);
  }
  return instances;
}

export function startBackend(ctx: RunContext, p: Project, authServerUrl: string): Service {
  return startService("backend (instances)", join(ctx.venv.dir, "bin", "uvicorn"), ["src.main:app", "--host", "127.0.0.1", "--port", String(p.backendPort)], {
    cwd: p.backendDir,
    env: { ...backendEnv(ctx, p, p.databases.a), AUTH_SERVER_URL: authServerUrl },
  });
}

export async function checkSeveralInstances(ctx: RunContext, p: Project, report: ConfigReport): Promise<FaultObservation[]> {
  const observations: FaultObservation[] = [];
  const origin = p.config.cors.origins[0];
  const jwtMode = p.config.session.validationMethod === "jwt";
  const redis = await report.step("start a fresh redis-server for two auth-server instances", () => startRedis());
  const services: Service[] = [redis.service];
  const observe = async (scenario: string, request: string, fn: () => Promise<number>) => {
    const started = Date.now();
    let status = 0;
    const ok = await report.request(`two instances: ${scenario}`, async () => {
      status = await fn();
    });
    observations.push({ scenario: `two instances: ${scenario}`, request, status, ms: Date.now() - started, ok });
  };

  try {
    const [a, b] = await report.step("start auth servers A and B (npm start) on one Redis and one PostgreSQL, and the backend", async () => {
      const instances = await startInstances(ctx, p, redis);
      services.push(...instances.map((i) => i.service));
      const backend = startBackend(ctx, p, instances[0].url);
      services.push(backend);
      await waitReady(p.backendUrl, backend);
      return instances;
    });
    const on = (instance: Instance) => new Browser(instance.url, origin);

    const { max, window } = p.config.rateLimit;
    await observe(`${max} requests alternating A, B pass and request ${max + 1} → 429 (one limit for both)`, `GET /api/auth/ok ×${max + 1}`, async () => {
      const statuses: string[] = [];
      for (let i = 0; i <= max; i++) {
        const instance = i % 2 === 0 ? a : b;
        statuses.push(`${instance.name}:${(await on(instance).get("/api/auth/ok")).status}`);
      }
      const early = statuses.slice(0, max);
      assertThat(
        early.every((s) => s.endsWith(":200")),
        `the first ${max} requests: ${early.join(",")}`,
      );
      assertThat(statuses[max].endsWith(":429"), `request ${max + 1} (${statuses[max]}) within ${window} s was not refused`);
      const keys = await redis.command("--scan", "--pattern", `${p.config.projectName}:*`);
      assertThat(keys.split("\n").some(Boolean), "no key with the project's prefix in Redis");
      return 429;
    });

    const atA = on(a);
    let fromA: Identity | undefined;
    await observe("sign-up and sign-in on A", "sign-in on A", async () => {
      fromA = await emailPasswordSignIn(ctx, { ...p, authUrl: a.url }, report, atA, "another");
      assertThat(fromA, "no session from A");
      return 200;
    });
    if (!fromA) return observations;
    const identity = fromA;
    const sessionOn = async (instance: Instance, cookie: string): Promise<Reply> => {
      const reply = await on(instance).request("GET", "/api/auth/get-session", { headers: { cookie }, cookies: false });
      expectStatus(reply, 200, `get-session on ${instance.name}`);
      return reply;
    };
    const userOf = (reply: Reply): string | null => (reply.json as { user?: { id?: string } } | null)?.user?.id ?? null;

    await observe("A's session cookie works on B", "get-session on B", async () => {
      const reply = await sessionOn(b, atA.cookieHeader());
      assertThat(userOf(reply) === identity.userId, `B answered ${reply.text.slice(0, 200)}`);
      return reply.status;
    });

    const atB = on(b);
    let signedOnB = "";
    await observe("a session made on B works on A", "sign-in on B, get-session on A", async () => {
      const signIn = await atB.post("/api/auth/sign-in/email", { email: identity.email, password: PASSWORD });
      expectStatus(signIn, 200, "sign-in on B");
      signedOnB = String(jsonObject(signIn, "sign-in on B").token);
      const reply = await sessionOn(a, atB.cookieHeader());
      assertThat(userOf(reply) === identity.userId, `A answered ${reply.text.slice(0, 200)}`);
      return reply.status;
    });

    const backend = new Browser(p.backendUrl, origin);
    const me = async (credential: string) => {
      const reply = await backend.request("GET", "/api/me", { headers: { authorization: `Bearer ${credential}` }, cookies: false });
      expectStatus(reply, 200, "backend /api/me");
      assertThat(jsonObject(reply, "/api/me").id === identity.userId, `/api/me answered ${reply.text.slice(0, 200)}`);
      return reply.status;
    };
    for (const [instance, browser] of [
      [a, atA],
      [b, atB],
    ] as const) {
      if (jwtMode) {
        await observe(`the backend accepts a JWT issued by ${instance.name}`, `GET /api/auth/token on ${instance.name}, /api/me`, async () => {
          const token = await on(instance).request("GET", "/api/auth/token", { headers: { cookie: browser.cookieHeader() }, cookies: false });
          expectStatus(token, 200, `token on ${instance.name}`);
          return me(String(jsonObject(token, "token").token));
        });
      } else {
        await observe(`the backend accepts the session made on ${instance.name}`, "/api/me with the session token", () =>
          me(instance === a ? identity.raw : signedOnB),
        );
      }
    }

    await observe("signed out on B, A's session is gone on A too", "sign-out on B, get-session on A", async () => {
      const signOut = await on(b).request("POST", "/api/auth/sign-out", { body: {}, headers: { cookie: atA.cookieHeader() }, cookies: false });
      expectStatus(signOut, 200, "sign-out on B");
      // The session token alone: the signed cookie cache a browser also holds is cleared by the sign-out's reply.
      const reply = await on(a).request("GET", "/api/auth/get-session", { headers: { authorization: `Bearer ${identity.signed}` }, cookies: false });
      expectStatus(reply, 200, "get-session on A");
      assertThat(userOf(reply) === null, `A still knows the session: ${reply.text.slice(0, 200)}`);
      return reply.status;
    });

    await report.check("no instance exited", async () => {
      for (const service of services) assertThat(!service.exited(), `${service.name} exited:\n${tail(service.log(), 30)}`);
    });
  } finally {
    if (!report.passed) for (const service of services) console.log(`  --- ${service.name} log ---\n${tail(service.log(), 40).replace(/^/gm, "  | ")}`);
    for (const service of services.reverse()) await service.stop();
  }
  return observations;
}
