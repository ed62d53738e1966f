/**
 * One configuration, end to end: generate the project, migrate two databases
 * in both orders and compare the schemas, start both services against the
 * real PostgreSQL (through PgBouncer for pooled providers), drive them over
 * HTTP as a browser and an attacker would, then run the project's own tests.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Config } from "../../lib/config/schema";
import { generateProject } from "../../lib/generate";
import { linkNodeModules, type SharedInstall } from "./deps";
import { assertStandInUnused, PRISMA_CLIENT_STEP } from "./prisma";
import { checkCredentials, checkSessionEnd, type Identity } from "./credentials";
import { assertThat, Browser, expectStatus, jsonObject } from "./http";
import type { Cluster } from "./postgres";
import { decodeJwtPart, ownKeyJwt } from "./forge";
import { mustRun, run, sleep, startService, tail, waitFor, type Service } from "./processes";
import type { ConfigReport } from "./report";
import { diffSnapshots, only, snapshotSchema, type Snapshot } from "./schema";
import type { MailCapture } from "./smtp";

export type RunContext = {
  cluster: Cluster;
  mail: MailCapture;
  node: SharedInstall;
  venv: SharedInstall;
  workDir: string;
  /** URL of the harness's tsx loader, for scripts run inside a generated project. */
  tsxLoader: string;
  /** See prisma.ts: named by PRISMA_SCHEMA_ENGINE_BINARY, records any run of itself. */
  schemaEngineStandIn: string;
};

/** Hosts whose providers hand out pooled URLs: these configs reach PostgreSQL through PgBouncer. */
const POOLED_HOSTS = new Set(["neon", "supabase"]);
const OAUTH_CLIENT_IDS = { google: "e2e-google-client.apps.googleusercontent.com", github: "e2e-github-client-id" };
const FOREIGN_ORIGIN = "https://evil.example";
export const PASSWORD = "correct-horse-battery-staple-7";

export type Project = {
  config: Config;
  dir: string;
  authDir: string;
  backendDir: string;
  secret: string;
  authUrl: string;
  authPort: number;
  backendUrl: string;
  backendPort: number;
  databases: { a: string; b: string };
  pooled: boolean;
};

/** Writes the generated files of `config` under the work dir. */
export function writeProject(workDir: string, config: Config): string {
  const dir = join(workDir, config.projectName);
  for (const file of generateProject(config)) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  return dir;
}

/** The environment without the harness's own npm variables, which would steer the project's npm. */
function baseEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("npm_"))) as NodeJS.ProcessEnv;
}

export function authServerEnv(ctx: RunContext, p: Project, database: string): NodeJS.ProcessEnv {
  return {
    ...baseEnv(),
    // Production behaviour: rate limiting without a trusted client address, required SMTP, secure defaults.
    NODE_ENV: "production",
    PORT: String(p.authPort),
    DATABASE_URL: ctx.cluster.url(database, p.pooled),
    BETTER_AUTH_SECRET: p.secret,
    BETTER_AUTH_URL: p.authUrl,
    CORS_ORIGINS: p.config.cors.origins.join(","),
    SMTP_URL: ctx.mail.url,
    EMAIL_FROM: "sidecar-e2e@example.com",
    GOOGLE_CLIENT_ID: OAUTH_CLIENT_IDS.google,
    GOOGLE_CLIENT_SECRET: "e2e-google-secret",
    GITHUB_CLIENT_ID: OAUTH_CLIENT_IDS.github,
    GITHUB_CLIENT_SECRET: "e2e-github-secret",
    ...(p.config.stack.orm === "prisma" ? { PRISMA_SCHEMA_ENGINE_BINARY: ctx.schemaEngineStandIn } : {}),
  };
}

export function backendEnv(ctx: RunContext, p: Project, database: string): NodeJS.ProcessEnv {
  return {
    ...baseEnv(),
    PATH: `${join(ctx.venv.dir, "bin")}:${process.env.PATH}`,
    VIRTUAL_ENV: ctx.venv.dir,
    DATABASE_URL: ctx.cluster.url(database, p.pooled),
    AUTH_SERVER_URL: p.authUrl,
    CORS_ORIGINS: p.config.cors.origins.join(","),
    BETTER_AUTH_SECRET: p.secret,
  };
}

export async function runConfig(ctx: RunContext, config: Config, report: ConfigReport, ports: { auth: number; backend: number }) {
  const dir = await report.step("generate the project and write its files", () => writeProject(ctx.workDir, config));
  const base = config.projectName.replace(/-/g, "_");
  const p: Project = {
    config,
    dir,
    authDir: join(dir, "auth-server"),
    backendDir: join(dir, "backend"),
    secret: randomBytes(36).toString("base64url"),
    authPort: ports.auth,
    authUrl: `http://127.0.0.1:${ports.auth}`,
    backendPort: ports.backend,
    backendUrl: `http://127.0.0.1:${ports.backend}`,
    databases: { a: `${base}_a`, b: `${base}_b` },
    pooled: POOLED_HOSTS.has(config.database.host),
  };
  await report.step("link the shared node_modules", () => linkNodeModules(p.authDir, ctx.node));
  if (config.stack.orm === "prisma") {
    await report.step(PRISMA_CLIENT_STEP, () =>
      mustRun("npm", ["run", "prisma:generate"], { cwd: p.authDir, env: authServerEnv(ctx, p, "postgres"), timeoutMs: 120_000 }),
    );
  }
  await report.step(`create databases ${p.databases.a} and ${p.databases.b}${p.pooled ? " (reached through PgBouncer, transaction pooling)" : ""}`, async () => {
    await ctx.cluster.createDatabase(p.databases.a);
    await ctx.cluster.createDatabase(p.databases.b);
  });
  await checkMigrations(ctx, p, report);
  await checkStartupRefusals(ctx, p, report);

  const services: Service[] = [];
  try {
    services.push(await report.step("start the auth server (npm start) and wait for GET /health", () => startAuthServer(ctx, p)));
    services.push(await report.step("start the backend (uvicorn) and wait for GET /health", () => startBackend(ctx, p)));
    await exerciseServices(ctx, p, report, services[0]);
  } finally {
    for (const service of services.reverse()) await service.stop();
    if (!report.passed) for (const service of services) printLog(service);
  }
  await runProjectTests(ctx, p, report);
  if (config.stack.orm === "prisma") {
    await report.check("the schema-engine stand-in was never executed (the Prisma variant ran on its generated client only)", async () =>
      assertStandInUnused(ctx.schemaEngineStandIn),
    );
  }
}

function printLog(service: Service): void {
  console.log(`  --- ${service.name} log (last lines) ---\n${tail(service.log(), 80).replace(/^/gm, "  | ")}`);
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
  const npmMigrate = (database: string) =>
    mustRun("npm", ["run", "migrate"], { cwd: p.authDir, env: authServerEnv(ctx, p, database), timeoutMs: 120_000 });

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
  const without = (env: NodeJS.ProcessEnv, names: string[]) =>
    Object.fromEntries(Object.entries(env).filter(([k]) => !names.includes(k))) as NodeJS.ProcessEnv;
  const providers = p.config.auth.oauth.providers.map((provider) => `${provider.toUpperCase()}_CLIENT_ID`);
  const expectRefusal = async (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, names: string[]) => {
    const result = await run(command, args, { cwd, env, timeoutMs: 45_000 });
    assertThat(result.code !== 0 && result.code !== null, `it did not exit with an error (exit ${result.code}):\n${tail(result.output, 20)}`);
    const missing = names.filter((name) => !result.output.toUpperCase().includes(name));
    assertThat(missing.length === 0, `the message does not name ${missing.join(", ")}:\n${tail(result.output, 20)}`);
  };
  const authNames = ["DATABASE_URL", "BETTER_AUTH_SECRET", ...providers];
  await report.check(`auth server refuses to start without DATABASE_URL, with a 20-character secret${providers.length ? `, without ${providers.join(", ")}` : ""}, naming each`, () =>
    expectRefusal("npm", ["start"], p.authDir, { ...without(authServerEnv(ctx, p, p.databases.a), authNames), BETTER_AUTH_SECRET: "x".repeat(20) }, authNames),
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

async function waitForHealth(url: string, service: Service): Promise<void> {
  await waitFor(`${url}/health`, async () => (await fetch(`${url}/health`)).status === 200, 90_000, service).catch((error) => {
    throw new Error(`${(error as Error).message}\n${tail(service.log(), 40)}`);
  });
  const reply = await fetch(`${url}/health`);
  assertThat(reply.headers.get("content-type")?.includes("json"), `${url}/health is not JSON: ${reply.headers.get("content-type")}`);
}

async function startAuthServer(ctx: RunContext, p: Project): Promise<Service> {
  const service = startService("auth-server", "npm", ["start"], { cwd: p.authDir, env: authServerEnv(ctx, p, p.databases.a) });
  await waitForHealth(p.authUrl, service);
  return service;
}

async function startBackend(ctx: RunContext, p: Project): Promise<Service> {
  const service = startService(
    "backend",
    join(ctx.venv.dir, "bin", "uvicorn"),
    ["src.main:app", "--host", "127.0.0.1", "--port", String(p.backendPort)],
    { cwd: p.backendDir, env: backendEnv(ctx, p, p.databases.a) },
  );
  await waitForHealth(p.backendUrl, service);
  return service;
}

let userCounter = 0;
function newEmail(p: Project, label: string): string {
  return `${p.config.projectName}-${label}-${++userCounter}-${randomBytes(3).toString("hex")}@e2e.example.com`;
}

async function exerciseServices(ctx: RunContext, p: Project, report: ConfigReport, authServer: Service): Promise<void> {
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
    if (identity.jwt) await checkJwksFetching(p, report, identity, authServer);
    await checkCredentials({ p, report, cluster: ctx.cluster, identity, tsxLoader: ctx.tsxLoader, env: authServerEnv(ctx, p, p.databases.a),
      freshSession: () => freshSession(ctx, p, report, browser) });
    await checkSessionEnd({ p, report, cluster: ctx.cluster, identity, freshSession: () => freshSession(ctx, p, report, browser) });
  }
  for (const provider of p.config.auth.oauth.providers) await checkOAuthRedirect(p, report, browser(), provider);
  await checkCors(p, report);
  await checkRateLimit(p, report, browser());
}

/** A new signed-in session, by whichever method the config offers, for tests that destroy one. */
async function freshSession(ctx: RunContext, p: Project, report: ConfigReport, browser: () => Browser): Promise<Identity | undefined> {
  if (p.config.auth.emailPassword.enabled) return emailPasswordSignIn(ctx, p, report, browser(), "another");
  return magicLinkSignIn(ctx, p, report, browser(), newEmail(p, "magic"), "another");
}

function identityFrom(reply: Awaited<ReturnType<Browser["post"]>>, browser: Browser, email: string): Identity {
  const body = jsonObject(reply, "sign-in");
  const user = body.user as Record<string, unknown> | undefined;
  const cookie = browser.sessionCookie();
  const signed = reply.headers.get("set-auth-token") ?? (cookie && decodeURIComponent(cookie.value));
  assertThat(signed, `no set-auth-token header and no session cookie: ${reply.text.slice(0, 300)}`);
  const raw = typeof body.token === "string" ? body.token : signed.split(".")[0];
  assertThat(user && typeof user.id === "string", `no user in the reply: ${reply.text.slice(0, 300)}`);
  return { browser, email, userId: user.id as string, raw, signed };
}

async function emailPasswordSignIn(ctx: RunContext, p: Project, report: ConfigReport, browser: Browser, label = "first"): Promise<Identity | undefined> {
  const email = newEmail(p, "password");
  const verify = p.config.auth.emailPassword.requireEmailVerification;
  const mailsBefore = ctx.mail.messages.length;
  const signIn = () => browser.post("/api/auth/sign-in/email", { email, password: PASSWORD });

  const signedUp = await report.request(`sign-up with email and password (${label} user) → 200${verify ? ", no session before verification" : ""}`, async () => {
    const reply = await browser.post("/api/auth/sign-up/email", { name: "E2E User", email, password: PASSWORD });
    expectStatus(reply, 200, "POST /api/auth/sign-up/email");
    const token = jsonObject(reply, "sign-up").token;
    if (verify) assertThat(token === null || token === undefined, `sign-up returned a session token before verification: ${reply.text}`);
  });
  if (!signedUp) return undefined;

  if (verify) {
    await report.request("sign-in before the email is verified → 403 EMAIL_NOT_VERIFIED", async () => {
      const reply = await signIn();
      expectStatus(reply, 403, "sign-in of an unverified user");
      assertThat(jsonObject(reply, "sign-in").code === "EMAIL_NOT_VERIFIED", `unexpected error: ${reply.text}`);
    });
    const verified = await report.request("follow the verification link from the email captured over SMTP", async () => {
      const mail = await ctx.mail.waitFor(email, mailsBefore);
      const link = mail.links.find((l) => l.includes("/verify-email"));
      assertThat(link, `no /verify-email link in the mail "${mail.subject}": ${mail.text.slice(0, 300)}`);
      assertThat(link.startsWith(p.authUrl), `the link ${link} does not point at BETTER_AUTH_URL ${p.authUrl}`);
      const reply = await new Browser(p.authUrl, p.config.cors.origins[0]).get(link);
      assertThat(reply.status === 200 || (reply.status >= 300 && reply.status < 400), `GET ${link}: HTTP ${reply.status} ${reply.text.slice(0, 300)}`);
      const location = reply.headers.get("location") ?? "";
      assertThat(!location.includes("error="), `verification redirected with an error: ${location}`);
    });
    if (!verified) return undefined;
  }

  let identity: Identity | undefined;
  await report.request(`sign-in with email and password → 200 with a session${verify ? " (after verification)" : ""}`, async () => {
    const reply = await signIn();
    expectStatus(reply, 200, "POST /api/auth/sign-in/email");
    identity = identityFrom(reply, browser, email);
  });
  if (label === "first") {
    await report.request("sign-in with a wrong password → 401", async () => {
      const reply = await new Browser(p.authUrl, p.config.cors.origins[0]).post("/api/auth/sign-in/email", { email, password: `${PASSWORD}-wrong` });
      expectStatus(reply, 401, "sign-in with a wrong password");
    });
  }
  return identity;
}

async function magicLinkSignIn(ctx: RunContext, p: Project, report: ConfigReport, browser: Browser, email: string, label = "first"): Promise<Identity | undefined> {
  const mailsBefore = ctx.mail.messages.length;
  const callbackURL = `${p.config.cors.origins[0]}/dashboard`;
  const sent = await report.request(`magic link (${label} user): request the email → 200`, async () => {
    const reply = await browser.post("/api/auth/sign-in/magic-link", { email, callbackURL });
    expectStatus(reply, 200, "POST /api/auth/sign-in/magic-link");
  });
  if (!sent) return undefined;
  let identity: Identity | undefined;
  await report.request(`magic link (${label} user): follow the link from the email captured over SMTP → session`, async () => {
    const mail = await ctx.mail.waitFor(email, mailsBefore);
    const link = mail.links.find((l) => l.includes("/magic-link/verify"));
    assertThat(link, `no /magic-link/verify link in the mail "${mail.subject}": ${mail.text.slice(0, 300)}`);
    assertThat(link.startsWith(p.authUrl), `the link ${link} does not point at BETTER_AUTH_URL ${p.authUrl}`);
    const reply = await browser.get(link);
    assertThat(reply.status >= 300 && reply.status < 400, `GET ${link}: expected a redirect, got ${reply.status} ${reply.text.slice(0, 300)}`);
    assertThat(reply.headers.get("location")?.startsWith(callbackURL), `redirected to ${reply.headers.get("location")}, not ${callbackURL}`);
    const cookie = browser.sessionCookie();
    assertThat(cookie, `no session cookie after the magic link (set-cookie: ${reply.setCookies.join(" | ")})`);
    const session = await browser.get("/api/auth/get-session");
    expectStatus(session, 200, "GET /api/auth/get-session after the magic link");
    const user = jsonObject(session, "get-session").user as Record<string, unknown>;
    assertThat(user?.email === email, `get-session returned ${session.text.slice(0, 300)}`);
    const signed = reply.headers.get("set-auth-token") ?? decodeURIComponent(cookie.value);
    identity = { browser, email, userId: String(user.id), raw: signed.split(".")[0], signed };
  });
  return identity;
}

/** The user is known to both services through the credential the config's validation mode uses. */
async function checkSession(p: Project, report: ConfigReport, identity: Identity): Promise<void> {
  const auth = new Browser(p.authUrl, p.config.cors.origins[0]);
  const bearer = { authorization: `Bearer ${identity.signed}` };
  await report.request("auth server GET /api/auth/get-session with the Bearer session token → the user", async () => {
    const reply = await auth.get("/api/auth/get-session", bearer);
    expectStatus(reply, 200, "get-session");
    assertThat((jsonObject(reply, "get-session").user as { id?: string })?.id === identity.userId, `get-session returned ${reply.text.slice(0, 300)}`);
  });
  await report.request("auth server custom GET /api/auth/me with the Bearer session token → 200 with the user", async () => {
    const reply = await auth.get("/api/auth/me", bearer);
    expectStatus(reply, 200, "GET /api/auth/me");
    assertThat(reply.text.includes(identity.userId), `/api/auth/me does not name the user ${identity.userId}: ${reply.text.slice(0, 300)}`);
  });
  await report.request("auth server custom GET /api/auth/me without a session → 401", async () => {
    expectStatus(await auth.get("/api/auth/me"), 401, "GET /api/auth/me without a session");
  });
  if (p.config.session.validationMethod === "jwt") {
    await report.request("GET /api/auth/token with the session → an EdDSA JWT for the user", async () => {
      const reply = await auth.get("/api/auth/token", bearer);
      expectStatus(reply, 200, "GET /api/auth/token");
      const token = jsonObject(reply, "token").token;
      assertThat(typeof token === "string" && token.split(".").length === 3, `not a JWT: ${reply.text.slice(0, 200)}`);
      const header = JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString());
      assertThat(header.alg === "EdDSA", `JWT alg is ${header.alg}`);
      identity.jwt = token;
    });
    await report.request("backend GET /api/me with the JWT → 200 with the user", () => expectMe(p, identity, `Bearer ${identity.jwt}`));
  } else {
    await report.request("backend GET /api/me with the raw session token → 200 with the user", () => expectMe(p, identity, `Bearer ${identity.raw}`));
    await report.request("backend GET /api/me with the signed session token → 200 with the user", () => expectMe(p, identity, `Bearer ${identity.signed}`));
    await report.request("backend GET /api/me with the session cookie → 200 with the user", async () => {
      const cookie = identity.browser.sessionCookie();
      assertThat(cookie, "this browser holds no session cookie");
      await expectMe(p, identity, undefined, `${cookie.name}=${cookie.value}`);
    });
  }
}

/**
 * JWT mode: the backend fetched the keys at startup and must not fetch them
 * per request; tokens with unknown key ids may trigger one refresh per
 * cooldown at most. Counted in the auth server's request log.
 */
async function checkJwksFetching(p: Project, report: ConfigReport, identity: Identity, authServer: Service): Promise<void> {
  const fetches = async () => {
    await sleep(300); // the log line follows the response
    return authServer.log().split("\n").filter((line) => line.includes("/api/auth/jwks")).length;
  };
  await report.request("backend verifies JWTs without fetching the JWKS per request (5 requests, auth server log unchanged)", async () => {
    assertThat((await fetches()) >= 1, "the auth server's log shows no JWKS fetch at all (startup fetch expected)");
    const before = await fetches();
    for (let i = 0; i < 5; i++) await expectMe(p, identity, `Bearer ${identity.jwt}`);
    const after = await fetches();
    assertThat(after === before, `${after - before} JWKS fetches during 5 requests with a known key`);
  });
  await report.request("tokens with unknown key ids trigger at most one JWKS refresh (3 requests)", async () => {
    const before = await fetches();
    for (let i = 0; i < 3; i++) {
      const reply = await new Browser(p.backendUrl, p.config.cors.origins[0]).request("GET", "/api/me", {
        headers: { authorization: `Bearer ${ownKeyJwt(`unknown-${i}`, decodeJwtPart(identity.jwt!, 1))}` },
        cookies: false,
      });
      expectStatus(reply, 401, "unknown kid");
    }
    const after = await fetches();
    assertThat(after - before <= 1, `${after - before} JWKS fetches for 3 unknown key ids`);
  });
}

export async function expectMe(p: Project, identity: Identity, authorization?: string, cookie?: string): Promise<void> {
  const headers: Record<string, string> = {};
  if (authorization) headers.authorization = authorization;
  if (cookie) headers.cookie = cookie;
  const reply = await new Browser(p.backendUrl, p.config.cors.origins[0]).request("GET", "/api/me", { headers, cookies: false });
  expectStatus(reply, 200, "backend GET /api/me");
  const me = jsonObject(reply, "/api/me");
  for (const key of ["id", "email", "name", "email_verified"]) assertThat(key in me, `/api/me lacks "${key}": ${reply.text}`);
  assertThat(me.id === identity.userId && me.email === identity.email, `/api/me returned ${reply.text}, expected ${identity.userId} ${identity.email}`);
}

const PROVIDER_AUTHORIZE = { google: "https://accounts.google.com/", github: "https://github.com/login/oauth/authorize" };

async function checkOAuthRedirect(p: Project, report: ConfigReport, browser: Browser, provider: "google" | "github"): Promise<void> {
  await report.request(
    `OAuth ${provider}: sign-in redirects to ${new URL(PROVIDER_AUTHORIZE[provider]).host} with our client_id and callback (provider unreachable here: the redirect URL is checked, no code exchange)`,
    async () => {
      const reply = await browser.post("/api/auth/sign-in/social", { provider, callbackURL: `${p.config.cors.origins[0]}/dashboard` });
      expectStatus(reply, 200, "POST /api/auth/sign-in/social");
      const url = new URL(String(jsonObject(reply, "sign-in/social").url));
      assertThat(url.href.startsWith(PROVIDER_AUTHORIZE[provider]), `redirect goes to ${url.origin}${url.pathname}`);
      assertThat(url.searchParams.get("client_id") === OAUTH_CLIENT_IDS[provider], `client_id is ${url.searchParams.get("client_id")}`);
      const expected = `${p.authUrl}/api/auth/callback/${provider}`;
      assertThat(url.searchParams.get("redirect_uri") === expected, `redirect_uri is ${url.searchParams.get("redirect_uri")}, expected ${expected}`);
      assertThat(url.searchParams.get("state"), "no state parameter");
    },
  );
}

async function checkCors(p: Project, report: ConfigReport): Promise<void> {
  const origins = [...new Set([p.config.cors.origins[0], p.config.cors.origins.at(-1)!])];
  for (const [service, base, path] of [["auth server", p.authUrl, "/api/auth/get-session"], ["backend", p.backendUrl, "/api/me"]] as const) {
    for (const origin of origins) {
      await report.request(`${service} CORS: preflight from configured origin ${origin} → Access-Control-Allow-Origin: ${origin}`, async () => {
        const reply = await preflight(base, path, origin);
        assertThat(reply.status < 300, `OPTIONS ${path}: HTTP ${reply.status}`);
        assertThat(reply.headers.get("access-control-allow-origin") === origin, `Access-Control-Allow-Origin is ${reply.headers.get("access-control-allow-origin")}`);
        assertThat(reply.headers.get("access-control-allow-credentials") === "true", "credentials are not allowed");
      });
    }
    await report.request(`${service} CORS: origin ${FOREIGN_ORIGIN} gets no Access-Control-Allow-Origin`, async () => {
      for (const reply of [await preflight(base, path, FOREIGN_ORIGIN), await fetch(base + path, { headers: { origin: FOREIGN_ORIGIN } })]) {
        const allowed = reply.headers.get("access-control-allow-origin");
        assertThat(allowed === null, `Access-Control-Allow-Origin: ${allowed} for a foreign origin`);
      }
    });
  }
}

function preflight(base: string, path: string, origin: string): Promise<Response> {
  return fetch(base + path, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
  });
}

async function checkRateLimit(p: Project, report: ConfigReport, browser: Browser): Promise<void> {
  const { enabled, max, window } = p.config.rateLimit;
  const statuses: number[] = [];
  const send = async (n: number) => {
    for (let i = 0; i < n; i++) statuses.push((await browser.get("/api/auth/ok")).status);
  };
  if (enabled) {
    await report.request(`rate limit: ${max} requests in ${window} s pass, request ${max + 1} → 429 (${p.config.rateLimit.storage} storage)`, async () => {
      await send(max + 1);
      const early = statuses.slice(0, max);
      assertThat(early.every((s) => s === 200), `the first ${max} requests got ${early.join(",")}`);
      assertThat(statuses[max] === 429, `request ${max + 1} got ${statuses[max]}`);
    });
  } else {
    await report.request(`rate limit off: ${max + 1} requests in a row all pass`, async () => {
      await send(max + 1);
      assertThat(statuses.every((s) => s === 200), `statuses: ${statuses.join(",")}`);
    });
  }
}

async function runProjectTests(ctx: RunContext, p: Project, report: ConfigReport): Promise<void> {
  const database = p.databases.b;
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
