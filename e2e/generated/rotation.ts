/**
 * Secret rotation, on real processes restarted with a changed environment.
 * Before: the secret the config ran with. During the rotation both services
 * run with BETTER_AUTH_SECRETS=2:new,1:old (and no BETTER_AUTH_SECRET):
 * sessions and JWTs made before keep working, a new session is signed with
 * the new secret, and the backend accepts both signatures. Then a mistaken
 * change: the auth server alone gets another BETTER_AUTH_SECRET, which must
 * answer 503 in the service's error shape with one log line naming the cause
 * (the unreadable signing key in JWT mode, the backend's secret mismatch in
 * database mode), never a 500.
 */
import { createHmac, randomBytes } from "node:crypto";
import { join } from "node:path";
import type { FaultObservation } from "./faults";
import { assertThat, Browser } from "./http";
import { startService, tail, waitFor, type Service } from "./processes";
import { authServerEnv, backendEnv, type Project, type RunContext } from "./project";
import type { ConfigReport } from "./report";
import { freshSession, type Identity } from "./signin";

type Secrets = Record<string, string | undefined>;

type Reply = { status: number; ms: number; body: string; headers: Headers };

let clients = 0;

/**
 * Each request stands for another client behind a proxy on loopback: the rate limit's counters
 * may live in the database and outlast a restart, so better-auth's per-client limits must not
 * decide these checks.
 */
function anotherClient(): string {
  clients += 1;
  return `203.0.${Math.floor(clients / 250) % 250}.${(clients % 250) + 1}`;
}

/** A browser that stands for a client of its own, behind the same loopback proxy. */
class AnotherClientBrowser extends Browser {
  private readonly client = anotherClient();

  override request(method: string, path: string, options: Parameters<Browser["request"]>[2] = {}) {
    return super.request(method, path, { ...options, headers: { "x-forwarded-for": this.client, ...options.headers } });
  }
}

async function timed(url: string, headers: Record<string, string>): Promise<Reply> {
  const started = Date.now();
  const response = await fetch(url, { headers: { ...headers, "x-forwarded-for": anotherClient() }, signal: AbortSignal.timeout(30_000) });
  return { status: response.status, ms: Date.now() - started, body: await response.text(), headers: response.headers };
}

function signedWith(secret: string, signed: string): boolean {
  const dot = signed.lastIndexOf(".");
  return createHmac("sha256", secret).update(signed.slice(0, dot)).digest("base64") === signed.slice(dot + 1);
}

/** The session cookie as a browser sends it: the signed token, percent-encoded. */
function sessionCookie(identity: Identity): string {
  return `__Secure-better-auth.session_token=${encodeURIComponent(identity.signed)}`;
}

async function startBoth(ctx: RunContext, p: Project, label: string, auth: Secrets, backend: Secrets): Promise<Service[]> {
  // A variable given as undefined is left out: Object.entries keeps it, the filter drops it.
  const withSecrets = (env: NodeJS.ProcessEnv, secrets: Secrets): NodeJS.ProcessEnv =>
    Object.fromEntries(Object.entries({ ...env, ...secrets }).filter(([, value]) => value !== undefined)) as NodeJS.ProcessEnv;
  const services = [
    startService(`auth-server (${label})`, "npm", ["start"], {
      cwd: p.authDir,
      env: withSecrets({ ...authServerEnv(ctx, p, p.databases.a), TRUSTED_PROXIES: "127.0.0.1,::1" }, auth),
    }),
    startService(`backend (${label})`, join(ctx.venv.dir, "bin", "uvicorn"), ["src.main:app", "--host", "127.0.0.1", "--port", String(p.backendPort)], {
      cwd: p.backendDir,
      env: withSecrets(backendEnv(ctx, p, p.databases.a), backend),
    }),
  ];
  for (const [service, url] of [
    [services[0], p.authUrl],
    [services[1], p.backendUrl],
  ] as const) {
    await waitFor(`${url}/health/ready`, async () => (await fetch(`${url}/health/ready`)).status === 200, 90_000, service).catch((error) => {
      throw new Error(`${(error as Error).message}\n${tail(service.log(), 40)}`);
    });
  }
  return services;
}

async function stopAll(services: Service[], report: ConfigReport): Promise<void> {
  for (const service of services) await service.stop();
  if (!report.passed) for (const service of services) console.log(`  --- ${service.name} log ---\n${tail(service.log(), 40).replace(/^/gm, "  | ")}`);
}

export async function checkSecretRotation(ctx: RunContext, p: Project, report: ConfigReport, identity: Identity): Promise<FaultObservation[]> {
  const observations: FaultObservation[] = [];
  const origin = p.config.cors.origins[0];
  const jwtMode = p.config.session.validationMethod === "jwt";
  const oldSecret = p.secret;
  const newSecret = randomBytes(36).toString("base64url");
  const rotating = { BETTER_AUTH_SECRET: undefined, BETTER_AUTH_SECRETS: `2:${newSecret},1:${oldSecret}` };
  const browser = () => new AnotherClientBrowser(p.authUrl, origin);

  /** One request, recorded in the table; `expect` names what is wrong, or null. */
  const observe = async (scenario: string, request: string, send: () => Promise<Reply>, expect: (reply: Reply) => string | null) => {
    await report.request(`${scenario}: ${request}`, async () => {
      const reply = await send();
      const problem = expect(reply);
      observations.push({ scenario, request, status: reply.status, ms: reply.ms, ok: problem === null });
      assertThat(problem === null, `${problem}: HTTP ${reply.status} ${reply.body.slice(0, 300)}`);
    });
  };
  const ok = (check: (reply: Reply) => boolean, what: string) => (reply: Reply) => (reply.status === 200 && check(reply) ? null : what);
  const isUser = (id: string) => (reply: Reply) => reply.body.includes(`"${id}"`);
  const getSession = (who: Identity, form: "cookie" | "bearer") => () =>
    timed(`${p.authUrl}/api/auth/get-session`, form === "cookie" ? { origin, cookie: sessionCookie(who) } : { origin, authorization: `Bearer ${who.signed}` });
  const token = async (who: Identity) => {
    const reply = await timed(`${p.authUrl}/api/auth/token`, { origin, authorization: `Bearer ${who.signed}` });
    if (reply.status === 200) who.jwt = (JSON.parse(reply.body) as { token: string }).token;
    return reply;
  };
  const me = (credential: Record<string, string>) => () => timed(`${p.backendUrl}/api/me`, { origin, ...credential });
  const backendCredential = (who: Identity): Record<string, string> => (jwtMode ? { authorization: `Bearer ${who.jwt}` } : { cookie: sessionCookie(who) });

  let services: Service[] = [];
  try {
    const before = "before the rotation";
    services = await report.step(`${before}: start both services with the config's BETTER_AUTH_SECRET`, () => startBoth(ctx, p, "old secret", {}, {}));
    if (jwtMode)
      await observe(
        before,
        "auth token (a JWT made before)",
        () => token(identity),
        ok(() => true, "no JWT"),
      );
    const jwtBefore = identity.jwt;
    await stopAll(services, report);

    const during = "during (BETTER_AUTH_SECRETS=2:new,1:old)";
    services = await report.step(`${during}: restart both services`, () => startBoth(ctx, p, "rotating", rotating, rotating));
    await observe(during, "auth get-session, old cookie", getSession(identity, "cookie"), ok(isUser(identity.userId), "not the user"));
    await observe(during, "auth get-session, old signed bearer", getSession(identity, "bearer"), ok(isUser(identity.userId), "not the user"));
    if (jwtMode) {
      await observe(during, "backend /api/me, JWT made before", me({ authorization: `Bearer ${jwtBefore}` }), ok(isUser(identity.userId), "not the user"));
      await observe(
        during,
        "auth token, old session (key encrypted before)",
        () => token(identity),
        ok(() => true, "no JWT"),
      );
    } else {
      await observe(during, "backend /api/me, old cookie", me(backendCredential(identity)), ok(isUser(identity.userId), "not the user"));
    }
    const fresh = await report.step(`${during}: sign in anew`, async () => {
      const who = await freshSession(ctx, p, report, browser);
      assertThat(who, "no new session");
      return who;
    });
    await report.request(`${during}: the new session is signed with the new secret, not the old`, async () => {
      assertThat(
        signedWith(newSecret, fresh.signed) && !signedWith(oldSecret, fresh.signed),
        `signature of ${fresh.signed.slice(0, 12)}… is not the new secret's`,
      );
    });
    await observe(during, "auth get-session, new cookie", getSession(fresh, "cookie"), ok(isUser(fresh.userId), "not the user"));
    if (jwtMode)
      await observe(
        during,
        "auth token, new session",
        () => token(fresh),
        ok(() => true, "no JWT"),
      );
    await observe(during, "backend /api/me, new session", me(backendCredential(fresh)), ok(isUser(fresh.userId), "not the user"));
    await stopAll(services, report);

    const mistaken = "mistaken change (auth server: another BETTER_AUTH_SECRET only)";
    const other = randomBytes(36).toString("base64url");
    services = await report.step(`${mistaken}: restart both services`, () =>
      startBoth(ctx, p, "mistaken secret", { BETTER_AUTH_SECRET: other, BETTER_AUTH_SECRETS: undefined }, rotating),
    );
    const victim = await report.step(`${mistaken}: sign in anew`, async () => {
      const who = await freshSession(ctx, p, report, browser);
      assertThat(who, "no new session");
      return who;
    });
    const [auth, backend] = services;
    const logBefore = [auth.log().length, backend.log().length];
    const serviceUnavailable = (reply: Reply) => {
      if (reply.status !== 503) return "not 503";
      if (jwtMode) return reply.body.includes('"code":"SERVICE_UNAVAILABLE"') ? null : 'body is not {"code":"SERVICE_UNAVAILABLE",…}';
      if (!reply.body.startsWith('{"detail":')) return "body is not {detail}";
      return reply.headers.get("access-control-allow-origin") === origin ? null : "no Access-Control-Allow-Origin on the 503";
    };
    if (jwtMode) await observe(mistaken, "auth token (signing key unreadable)", () => token(victim), serviceUnavailable);
    else await observe(mistaken, "backend /api/me, cookie of the other secret", me(backendCredential(victim)), serviceUnavailable);
    await report.check(`${mistaken}: exactly one log line names the cause, and no 500`, async () => {
      const [service, cause] = jwtMode ? [auth, "cannot be decrypted with BETTER_AUTH_SECRET"] : [backend, "signed by a secret this service does not have"];
      const newLog = () => service.log().slice(logBefore[jwtMode ? 0 : 1]);
      // The line may still be on its way through the process's pipe.
      await waitFor(`a log line naming the cause in ${service.name}`, async () => newLog().includes(cause), 3000).catch(() => {});
      const lines = newLog()
        .split("\n")
        .filter((line) => line.includes(cause));
      assertThat(lines.length === 1, `${lines.length} log lines name the cause in ${service.name}:\n${tail(newLog(), 20)}`);
      assertThat(!newLog().includes("Traceback") && !newLog().includes('"stack"'), `a stack in ${service.name}'s log:\n${tail(newLog(), 20)}`);
      console.log(`      (${service.name}: ${lines[0].trim().slice(0, 240)})`);
    });
  } finally {
    await stopAll(services, report);
  }
  return observations;
}
