/**
 * The existing-app half of `npm run test:generated`: for each integrating
 * fixture app, install it in a virtualenv of its own, give it its schema and
 * data in a real PostgreSQL, run its own tests, integrate it with the CLI,
 * migrate and start the auth server and the patched app, sign up and in
 * through better-auth, call the reported meRoute (200 with the user; 401
 * without and with forged credentials), then run the app's tests again, call
 * its own routes, find its data, and ask Alembic's autogenerate what it
 * would change. The app runs with a few routes a team would add on the
 * module's dependencies (a write on `CurrentUser`, its own user through
 * `CurrentAppUser`); in database mode it reaches PostgreSQL through a fault
 * proxy, so a cookie-authenticated write from another origin (403) and a
 * database that refuses or never answers (503) are checked for real.
 *
 * Environment: E2E_APPS=shop-asyncpg,notes-uv runs a subset; E2E_KEEP=1 keeps the work folder.
 */
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pep621Dependencies } from "../../lib/integrate/dependencies";
import { uploadDigest } from "../../lib/integrate/record";
import type { AppFile } from "../../lib/integrate";
import { freePort } from "../support/free-port";
import { e2eConfigs } from "./configs";
import { cached, hashOf, installNodeUnion, linkNodeModules, type SharedInstall } from "./deps";
import { signedSessionValue, tamperSessionSignature, tamperSignature, unsignedJwt } from "./forge";
import { assertThat, Browser, expectStatus, jsonObject } from "./http";
import { APP_SPECS, type AppSpec, type Database } from "./existing-apps";
import { mustRun, onCleanup, run, runEntryPoint, startService, tail, waitFor, type Service } from "./processes";
import { startCluster, type Cluster } from "./postgres";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";
import { writeProject } from "./project";
import { ConfigReport, formatDuration, StepFailed, summaryTable } from "./report";
import { startMailCapture, type MailCapture } from "./smtp";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CACHE = join(ROOT, ".cache", "generated-e2e");
const FIXTURES = join(ROOT, "tests", "fixtures", "existing-apps");
const PASSWORD = "correct-horse-battery-staple-7";

type Context = { cluster: Cluster; mail: MailCapture; node: SharedInstall; workDir: string };

type Integrated = {
  spec: AppSpec;
  upload: string;
  out: string;
  backend: string;
  venv: string;
  integration: { app: string; factory: string | null; appDir: string | null; meRoute: string; module: string; authTables: Record<string, string> };
  validation: "jwt" | "database";
  db: Database;
  secret: string;
  /** The secret before the current one: in database mode the app runs mid-rotation, accepting cookies signed by either. */
  previousSecret: string;
  authPort: number;
  backendPort: number;
  /** Between the patched app and PostgreSQL in database mode, where the module queries sessions on every request. */
  proxy?: TcpProxy;
};

function readTree(root: string, dir = root): AppFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ["__pycache__", ".pytest_cache"].includes(entry.name) ? [] : readTree(root, path);
    return [{ path: path.slice(root.length + 1), bytes: new Uint8Array(readFileSync(path)) }];
  });
}

/** The app's requirement lines, read from its own dependency files the way its manager would install them. */
function requirementLines(dir: string): string[] {
  const pyproject = join(dir, "pyproject.toml");
  if (existsSync(pyproject)) {
    const text = readFileSync(pyproject, "utf8");
    const groups = /^\[dependency-groups\][\s\S]+?^dev\s*=\s*\[([^\]]*)\]/m.exec(text)?.[1] ?? "";
    return [...(pep621Dependencies(text)?.entries ?? []), ...[...groups.matchAll(/"([^"]+)"/g)].map((m) => m[1])];
  }
  return readdirSync(dir)
    .filter((f) => /^requirements.*\.txt$/.test(f))
    .flatMap((f) => readFileSync(join(dir, f), "utf8").split("\n"))
    .map((l) => l.replace(/#.*/, "").trim())
    .filter((l) => l && !l.startsWith("-"));
}

async function appVirtualenv(dir: string): Promise<string> {
  const lines = [...new Set(requirementLines(dir))].sort();
  const venv = join(CACHE, `app-venv-${hashOf(lines)}`);
  await cached(venv, async () => {
    await mustRun("python3", ["-m", "venv", venv], { cwd: CACHE });
    writeFileSync(join(venv, "requirements.txt"), `${lines.join("\n")}\n`);
    await mustRun(join(venv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", "-r", join(venv, "requirements.txt")], {
      cwd: venv,
      timeoutMs: 15 * 60_000,
    });
  });
  return venv;
}

/** The environment without the harness's own npm variables, which would steer the auth server's npm. */
const baseEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("npm_"))) as NodeJS.ProcessEnv;

const pythonEnv = (venv: string, extra: Record<string, string>): NodeJS.ProcessEnv => ({
  ...baseEnv(),
  PATH: `${join(venv, "bin")}:${process.env.PATH}`,
  VIRTUAL_ENV: venv,
  ...extra,
});

function appEnv(x: Integrated, db: Database = x.db): NodeJS.ProcessEnv {
  const secrets: Record<string, string> =
    x.validation === "database" ? { BETTER_AUTH_SECRETS: `2:${x.secret},1:${x.previousSecret}` } : { BETTER_AUTH_SECRET: x.secret };
  return pythonEnv(x.venv, { ...x.spec.env(db), AUTH_SERVER_URL: `http://127.0.0.1:${x.authPort}`, ...secrets });
}

function authEnv(ctx: Context, x: Integrated): NodeJS.ProcessEnv {
  return {
    ...baseEnv(),
    NODE_ENV: "production",
    PORT: String(x.authPort),
    DATABASE_URL: x.db.url,
    BETTER_AUTH_SECRET: x.secret,
    BETTER_AUTH_URL: `http://127.0.0.1:${x.authPort}`,
    CORS_ORIGINS: "http://localhost:5173,http://localhost:3000",
    SMTP_URL: ctx.mail.url,
    EMAIL_FROM: "sidecar-e2e@example.com",
  };
}

const pytest = (x: Integrated, cwd: string) =>
  run(join(x.venv, "bin", "python"), ["-m", "pytest", "-q", "-p", "no:cacheprovider"], { cwd, env: appEnv(x), timeoutMs: 300_000 });

async function runApp(ctx: Context, spec: AppSpec, report: ConfigReport): Promise<void> {
  const upload = join(ctx.workDir, spec.name, "upload");
  cpSync(join(FIXTURES, spec.name), upload, { recursive: true });
  const digestBefore = uploadDigest(readTree(upload));
  const out = join(ctx.workDir, spec.name, "out");
  const venv = await report.step("install the app in its own virtualenv (its dependency file, with the requirements integration adds)", async () => {
    // The patched dependency file's lines are the app's own plus the added ones: one virtualenv serves before and after.
    await mustRun(
      process.execPath,
      ["--import", "tsx", join(ROOT, "scripts", "generate.ts"), "--existing", upload, "--config", join(FIXTURES, "configs", `${spec.name}.json`), "--dir", out],
      { cwd: ROOT, timeoutMs: 120_000 },
    );
    return appVirtualenv(join(out, "backend"));
  });
  const record = JSON.parse(readFileSync(join(out, "sidecar.json"), "utf8"));
  const name = spec.name.replace(/-/g, "_");
  await ctx.cluster.createDatabase(name);
  const plain = new URL(ctx.cluster.url(name));
  const x: Integrated = {
    spec,
    upload,
    out,
    backend: join(out, "backend"),
    venv,
    integration: record.integration,
    validation: record.config.session.validationMethod,
    db: { host: plain.hostname, port: Number(plain.port), user: plain.username, password: plain.password, name, url: plain.toString() },
    secret: randomBytes(36).toString("base64url"),
    previousSecret: randomBytes(36).toString("base64url"),
    authPort: await freePort(),
    backendPort: await freePort(),
  };

  await report.step("create the app's schema and data", async () => {
    for (const command of spec.seed) await mustRun(command[0], command.slice(1), { cwd: upload, env: appEnv(x), timeoutMs: 120_000 });
    for (const sql of spec.seedSql ?? []) await ctx.cluster.query(name, sql);
  });
  if (existsSync(join(upload, "tests"))) {
    await report.check("the app's own tests pass before integration", async () => {
      const result = await pytest(x, upload);
      assertThat(result.code === 0, `pytest exited ${result.code}\n${tail(result.output, 60)}`);
    });
  }
  await report.step("npm run migrate (better-auth's tables, beside the app's)", async () => {
    linkNodeModules(join(out, "auth-server"), ctx.node);
    await mustRun("npm", ["run", "migrate"], { cwd: join(out, "auth-server"), env: authEnv(ctx, x), timeoutMs: 120_000 });
  });
  const services: Service[] = [];
  if (x.validation === "database") x.proxy = await startTcpProxy(ctx.cluster.port);
  try {
    services.push(await report.step("start the auth server", () => startAuth(ctx, x)));
    services.push(await report.step(`start the patched app (${x.integration.app}, with routes on its dependencies)`, () => startApp(x)));
    await exercise(ctx.cluster, x, report);
  } finally {
    for (const service of services.reverse()) await service.stop();
    await x.proxy?.stop();
    if (!report.passed) for (const service of services) console.log(`  --- ${service.name} log ---\n${tail(service.log(), 60).replace(/^/gm, "  | ")}`);
  }
  if (existsSync(join(x.backend, "tests"))) {
    await report.check("the app's own tests pass after integration", async () => {
      const result = await pytest(x, x.backend);
      assertThat(result.code === 0, `pytest exited ${result.code}\n${tail(result.output, 60)}`);
    });
  }
  await report.check("the app's data is still there", async () => {
    const [row] = await ctx.cluster.query<{ count: string }>(name, spec.dataStillThere.replace(/^SELECT 1$/, "SELECT 1 AS count"));
    assertThat(Number(row.count ?? Object.values(row)[0]) >= 1, `${spec.dataStillThere} found nothing`);
  });
  if (spec.alembic) await checkAutogenerate(x, report);
  await report.check("the upload was not modified", async () => {
    assertThat(uploadDigest(readTree(upload)) === digestBefore, "the upload's files changed");
  });
}

async function startAuth(ctx: Context, x: Integrated): Promise<Service> {
  const service = startService("auth-server", "npm", ["start"], { cwd: join(x.out, "auth-server"), env: authEnv(ctx, x) });
  const url = `http://127.0.0.1:${x.authPort}/health`;
  await waitFor(url, async () => (await fetch(url)).status === 200, 90_000, service);
  return service;
}

const WRITE_ROUTE = "/sidecar-e2e/write";
const APP_USER_ROUTE = "/sidecar-e2e/app-user";

/**
 * A module wrapping the patched app with routes a team adds once it is
 * integrated: a write on `CurrentUser` and, when the module offers it, the
 * app's own user through `CurrentAppUser`. It lives outside backend/, which
 * stays exactly what integration wrote.
 */
function writeProbe(x: Integrated, appUser: boolean): { dir: string; importString: string; factory: boolean } {
  const [target, attribute] = x.integration.app.split(":");
  const factory = x.integration.factory !== null && attribute === x.integration.factory;
  const relative = x.integration.appDir ? x.integration.module.slice(x.integration.appDir.length + 1) : x.integration.module;
  const authModule = relative.replace(/\.py$/, "").split("/").join(".");
  const probe = [
    `from ${target} import ${attribute} as _target`,
    `from ${authModule} import CurrentUser${appUser ? ", CurrentAppUser" : ""}`,
    "",
    "",
    "def _with_probe_routes(app):",
    `    @app.post("${WRITE_ROUTE}")`,
    "    async def write(user: CurrentUser):",
    '        return {"id": user.id}',
    ...(appUser
      ? ["", `    @app.get("${APP_USER_ROUTE}")`, "    def app_user(user: CurrentAppUser):", '        return {"id": user.id, "email": user.email}']
      : []),
    "",
    "    return app",
    "",
    "",
    factory ? "def create_app():\n    return _with_probe_routes(_target())" : "app = _with_probe_routes(_target)",
    "",
  ].join("\n");
  const dir = join(x.out, "..", "probe");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "sidecar_e2e_probe.py"), probe);
  return { dir, importString: `sidecar_e2e_probe:${factory ? "create_app" : "app"}`, factory };
}

/** The module offers the app's own user when the app has a user table. */
const offersAppUser = (x: Integrated) => /^CurrentAppUser = /m.test(readFileSync(join(x.backend, x.integration.module), "utf8"));

async function startApp(x: Integrated): Promise<Service> {
  const probe = writeProbe(x, offersAppUser(x));
  const args = [probe.importString, ...(probe.factory ? ["--factory"] : []), "--host", "127.0.0.1", "--port", String(x.backendPort)];
  if (x.integration.appDir) args.push("--app-dir", x.integration.appDir);
  const db = x.proxy ? { ...x.db, port: x.proxy.port, url: x.db.url.replace(`:${x.db.port}/`, `:${x.proxy.port}/`) } : x.db;
  const env = { ...appEnv(x, db), PYTHONPATH: probe.dir };
  const service = startService(
    `app (uvicorn ${probe.importString}${x.proxy ? ", database through the fault proxy" : ""})`,
    join(x.venv, "bin", "uvicorn"),
    args,
    {
      cwd: x.backend,
      env,
    },
  );
  const url = `http://127.0.0.1:${x.backendPort}${x.integration.meRoute}`;
  // Unauthenticated, meRoute answers 401 once the app is up.
  await waitFor(url, async () => (await fetch(url)).status === 401, 90_000, service);
  return service;
}

/** Signs a new user up and in; the session token is what a database-mode app takes as a bearer credential. */
async function signUpAndIn(auth: Browser, email: string): Promise<{ credential: string; userId: string }> {
  expectStatus(await auth.post("/api/auth/sign-up/email", { name: "E2E User", email, password: PASSWORD }), 200, "sign-up");
  const signIn = await auth.post("/api/auth/sign-in/email", { email, password: PASSWORD });
  expectStatus(signIn, 200, "sign-in");
  return { credential: String(signIn.headers.get("set-auth-token")), userId: String((jsonObject(signIn, "sign-in").user as { id: unknown }).id) };
}

/**
 * Lookups arriving together share one query: requests sent at once for two users and an unknown token must each get
 * their own answer, never another request's user.
 */
async function checkConcurrentLookups(
  report: ConfigReport,
  auth: Browser,
  app: Browser,
  me: string,
  first: { credential: string; userId: string },
): Promise<void> {
  await report.request(`GET ${me} sent at once for two users and an unknown token (×4 each) → each its own user, 401 for the unknown`, async () => {
    // A browser of its own: the first one keeps the first user's session for the checks after this one.
    const second = await signUpAndIn(new Browser(auth.baseUrl, auth.origin), `second-${randomBytes(3).toString("hex")}@e2e.example.com`);
    const unknown = { credential: randomBytes(24).toString("hex").slice(0, 32), userId: null };
    const sent = Array.from({ length: 4 }, () => [first, second, unknown]).flat();
    const replies = await Promise.all(sent.map((who) => app.request("GET", me, { headers: { authorization: `Bearer ${who.credential}` }, cookies: false })));
    replies.forEach((reply, i) => {
      const expected = sent[i].userId;
      expectStatus(reply, expected === null ? 401 : 200, `${me} for ${expected ?? "an unknown token"}`);
      if (expected !== null)
        assertThat(jsonObject(reply, me).id === expected, `request ${i + 1} for ${expected} was answered with ${reply.text.slice(0, 200)}`);
    });
  });
}

async function exercise(cluster: Cluster, x: Integrated, report: ConfigReport): Promise<void> {
  const origin = "http://localhost:3000";
  const auth = new Browser(`http://127.0.0.1:${x.authPort}`, origin);
  const app = new Browser(`http://127.0.0.1:${x.backendPort}`, origin);
  const email = `${x.spec.name}-${randomBytes(3).toString("hex")}@e2e.example.com`;
  let credential = "";
  let userId = "";
  await report.request("sign up and sign in through better-auth → 200 with a session", async () => {
    ({ credential, userId } = await signUpAndIn(auth, email));
    if (x.validation === "jwt") {
      const token = await auth.get("/api/auth/token");
      expectStatus(token, 200, "GET /api/auth/token");
      credential = String(jsonObject(token, "token").token);
    }
  });
  await report.check(`the user is in better-auth's "${x.integration.authTables.user}" table, beside the app's own tables`, async () => {
    const rows = await cluster.query(x.db.name, `SELECT "id" FROM "${x.integration.authTables.user}" WHERE "email" = $1`, [email]);
    assertThat(rows.length === 1 && rows[0].id === userId, `"${x.integration.authTables.user}" holds ${JSON.stringify(rows)}`);
  });
  const me = x.integration.meRoute;
  await report.request(`GET ${me} with the credential → 200 with the signed-in user`, async () => {
    const reply = await app.request("GET", me, { headers: { authorization: `Bearer ${credential}` }, cookies: false });
    expectStatus(reply, 200, me);
    const body = jsonObject(reply, me);
    assertThat(body.id === userId && body.email === email, `${me} returned ${reply.text}`);
  });
  await report.request(`GET ${me} without a credential → 401`, async () => {
    expectStatus(await app.request("GET", me, { cookies: false }), 401, me);
  });
  const forged =
    x.validation === "jwt"
      ? [tamperSignature(credential), unsignedJwt("made-up", { sub: userId, email })]
      : [
          tamperSessionSignature(decodeURIComponent(signedSessionValue(randomBytes(24).toString("hex"), x.secret))),
          "a".repeat(32),
          "not.a.token",
          encodeURIComponent("nul\u0000in-token"),
        ];
  await report.request(`GET ${me} with ${forged.length} forged credentials → 401 each`, async () => {
    for (const value of forged)
      expectStatus(await app.request("GET", me, { headers: { authorization: `Bearer ${value}` }, cookies: false }), 401, `${me} forged`);
  });
  if (x.validation === "database") {
    await checkConcurrentLookups(report, auth, app, me, { credential, userId });
    await report.request(`GET ${me} with better-auth's session cookie → 200`, async () => {
      expectStatus(await app.request("GET", me, { headers: { cookie: auth.cookieHeader() }, cookies: false }), 200, `${me} with the cookie`);
    });
  }
  await report.request(`the app's own ${x.spec.ownRoute.path} still answers`, async () => {
    const reply = await app.request("GET", x.spec.ownRoute.path, { cookies: false });
    expectStatus(reply, 200, x.spec.ownRoute.path);
    assertThat(reply.text.includes(x.spec.ownRoute.contains), `${x.spec.ownRoute.path} returned ${reply.text.slice(0, 300)}`);
  });
  const bearer = { authorization: `Bearer ${credential}` };
  await report.request(`POST ${WRITE_ROUTE} (on CurrentUser) with the credential → 200 with the user`, async () => {
    const reply = await app.request("POST", WRITE_ROUTE, { body: {}, headers: { ...bearer, origin: "https://elsewhere.example" }, cookies: false });
    expectStatus(reply, 200, WRITE_ROUTE);
    assertThat(jsonObject(reply, WRITE_ROUTE).id === userId, `${WRITE_ROUTE} returned ${reply.text}`);
  });
  if (x.validation === "database") {
    await checkCookieWrites(app, auth.cookieHeader(), userId);
    await checkRotatedSecrets(decodeURIComponent(credential).split(".")[0]);
  }
  if (offersAppUser(x)) await checkAppUser(cluster, x, app, bearer, email, report);
  if (x.proxy) await checkDatabaseFaults(x.proxy, app, me, bearer, report);

  /** BETTER_AUTH_SECRETS="2:current,1:previous": a cookie still signed by the previous secret is the same session. */
  async function checkRotatedSecrets(token: string): Promise<void> {
    await report.request(`GET ${me} with the session cookie signed by the previous secret (version 1 of BETTER_AUTH_SECRETS) → 200`, async () => {
      const cookie = `better-auth.session_token=${signedSessionValue(token, x.previousSecret)}`;
      const reply = await app.request("GET", me, { headers: { cookie }, cookies: false });
      expectStatus(reply, 200, `${me} with the previous secret's cookie`);
      assertThat(jsonObject(reply, me).id === userId, `${me} returned ${reply.text}`);
    });
    await report.request(`GET ${me} with a live session signed by a secret the app lacks → 503 saying the secret is misconfigured`, async () => {
      const reply = await app.request("GET", me, {
        headers: { authorization: `Bearer ${signedSessionValue(token, randomBytes(36).toString("base64url"))}` },
        cookies: false,
      });
      expectStatus(reply, 503, `${me} signed by another secret`);
      assertThat(reply.text.includes("secret is misconfigured"), `the 503 says nothing of the secret: ${reply.text}`);
    });
  }

  async function checkCookieWrites(app: Browser, cookie: string, id: string): Promise<void> {
    await report.request(`POST ${WRITE_ROUTE} with the session cookie from a frontend origin → 200`, async () => {
      const reply = await app.request("POST", WRITE_ROUTE, { body: {}, headers: { cookie, origin }, cookies: false });
      expectStatus(reply, 200, `${WRITE_ROUTE} from ${origin}`);
      assertThat(jsonObject(reply, WRITE_ROUTE).id === id, `${WRITE_ROUTE} returned ${reply.text}`);
    });
    await report.request(`POST ${WRITE_ROUTE} with the session cookie from another origin, or another site's referer → 403 each`, async () => {
      const foreign: Record<string, string>[] = [
        { origin: "https://elsewhere.example" },
        { origin: "", referer: "https://elsewhere.example/page" },
        { origin: "null" },
      ];
      for (const headers of foreign) {
        const reply = await app.request("POST", WRITE_ROUTE, { body: {}, headers: { cookie, ...headers }, cookies: false });
        expectStatus(reply, 403, `${WRITE_ROUTE} with ${JSON.stringify(headers)}`);
      }
    });
  }
}

/** CurrentAppUser: the app's own user for the signed-in better-auth user, by verified email, or 403. */
async function checkAppUser(cluster: Cluster, x: Integrated, app: Browser, bearer: Record<string, string>, email: string, report: ConfigReport) {
  const appUser = x.spec.appUser!;
  const get = () => app.request("GET", APP_USER_ROUTE, { headers: bearer, cookies: false });
  await report.request(`GET ${APP_USER_ROUTE} (on CurrentAppUser) before the email is verified → 403`, async () => {
    const reply = await get();
    expectStatus(reply, 403, APP_USER_ROUTE);
    assertThat(reply.text.includes("Verify your email"), `${APP_USER_ROUTE} returned ${reply.text}`);
  });
  await cluster.query(x.db.name, `UPDATE "${x.integration.authTables.user}" SET "emailVerified" = true WHERE "email" = $1`, [email]);
  await report.request(`GET ${APP_USER_ROUTE} with a verified email the app has no user for → 403`, async () => {
    const reply = await get();
    expectStatus(reply, 403, APP_USER_ROUTE);
    assertThat(reply.text.includes("No account of this app"), `${APP_USER_ROUTE} returned ${reply.text}`);
  });
  const [row] = await cluster.query<{ id: number }>(x.db.name, appUser.insert, [email]);
  await report.request(`GET ${APP_USER_ROUTE} once the app has a user with that email → 200 with the app's own user and id`, async () => {
    const reply = await get();
    expectStatus(reply, 200, APP_USER_ROUTE);
    const body = jsonObject(reply, APP_USER_ROUTE);
    assertThat(body.id === row.id && body.email === email, `${APP_USER_ROUTE} returned ${reply.text}, the app's row is ${JSON.stringify(row)}`);
  });
}

/**
 * GET on a connection of its own, closed after the answer. A fault also
 * breaks the app's own pooled connections, and an app whose session teardown
 * fails after its response was sent makes uvicorn close that keep-alive
 * connection: a request reusing it would fail for a reason that is not the
 * module's.
 */
function getOnNewConnection(url: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { headers: { ...headers, connection: "close" }, agent: false, timeout: 30_000 }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error(`no answer from ${url} within 30 s`)));
    request.on("error", reject);
  });
}

/** The module's session lookup when PostgreSQL refuses connections or stops answering: 503, then 200 again once it is back. */
async function checkDatabaseFaults(proxy: TcpProxy, app: Browser, me: string, bearer: Record<string, string>, report: ConfigReport): Promise<void> {
  const ask = async () => ({
    ...(await getOnNewConnection(new URL(me, app.baseUrl).toString(), bearer)),
    headers: new Headers(),
    json: undefined,
    setCookies: [],
  });
  const backAgain = async (what: string) => {
    await proxy.restore();
    // The pool may hand out a connection the fault broke before it notices: a bounded wait for the first 200, not a single try.
    let reply = await ask();
    for (const deadline = Date.now() + 20_000; reply.status !== 200 && Date.now() < deadline; reply = await ask()) await new Promise((r) => setTimeout(r, 250));
    expectStatus(reply, 200, `${me} after ${what}`);
  };
  await report.request(`GET ${me} while the database refuses connections → 503, then 200 once it is back`, async () => {
    await proxy.refuse();
    const reply = await ask();
    expectStatus(reply, 503, `${me} with the database refusing`);
    assertThat(reply.text.includes("database"), `the 503 says nothing of the database: ${reply.text}`);
    await backAgain("the refusal");
  });
  await report.request(`GET ${me} while the database accepts but never answers → 503 (the module's own timeout), then 200 once it is back`, async () => {
    proxy.blackhole();
    expectStatus(await ask(), 503, `${me} with the database black-holed`);
    await backAgain("the black hole");
  });
}

/** The better-auth tables a fresh `alembic revision --autogenerate` in `dir` names. */
async function autogenerateMentions(x: Integrated, dir: string): Promise<string[]> {
  const versions = join(dir, "alembic", "versions");
  const before = new Set(readdirSync(versions));
  const result = await mustRun(join(x.venv, "bin", "alembic"), ["revision", "--autogenerate", "-m", "probe", "--head", x.spec.alembic!.head], {
    cwd: dir,
    env: appEnv(x),
    timeoutMs: 120_000,
  });
  const created = readdirSync(versions).filter((f) => !before.has(f));
  assertThat(created.length === 1, `no revision file was written:\n${tail(result.output, 20)}`);
  const revision = readFileSync(join(versions, created[0]), "utf8");
  rmSync(join(versions, created[0]));
  return Object.values(x.integration.authTables).filter((table) => revision.includes(`'${table}'`) || revision.includes(`"${table}"`));
}

/** `alembic revision --autogenerate` against the database holding both the app's and better-auth's tables. */
async function checkAutogenerate(x: Integrated, report: ConfigReport): Promise<void> {
  await report.check("alembic revision --autogenerate proposes nothing about better-auth's tables", async () => {
    const mentioned = await autogenerateMentions(x, x.backend);
    assertThat(mentioned.length === 0, `the revision touches ${mentioned.join(", ")}`);
  });
  await report.check("without the change (the upload's own env.py), the same autogenerate would drop better-auth's tables", async () => {
    // A copy: the upload itself is never written to.
    const unpatched = join(x.out, "..", "unpatched");
    cpSync(x.upload, unpatched, { recursive: true });
    const mentioned = await autogenerateMentions(x, unpatched);
    assertThat(
      mentioned.includes(x.integration.authTables.user),
      `the unpatched revision names only ${mentioned.join(", ") || "nothing"}: the check above proves nothing`,
    );
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  const wanted = process.env.E2E_APPS?.split(",").filter(Boolean);
  const specs = wanted ? APP_SPECS.filter((s) => wanted.includes(s.name)) : APP_SPECS;
  const workDir = mkdtempSync(join(tmpdir(), "sidecar-e2e-existing-"));
  const keep = onCleanup(() => rmSync(workDir, { recursive: true, force: true }));
  mkdirSync(CACHE, { recursive: true });
  // The same shared node_modules as the generated projects: the union over the same configs.
  const manifestDir = mkdtempSync(join(tmpdir(), "sidecar-e2e-manifests-"));
  onCleanup(() => rmSync(manifestDir, { recursive: true, force: true }));
  const manifests = e2eConfigs().map((c) => writeProject(manifestDir, c));
  const node = await installNodeUnion(
    CACHE,
    manifests.map((dir) => join(dir, "auth-server", "package.json")),
  );
  const cluster = await startCluster();
  const mail = await startMailCapture();
  const ctx: Context = { cluster, mail, node, workDir };
  console.log(`existing-app e2e: ${specs.length} apps in ${workDir}, PostgreSQL on ${cluster.port}`);
  const results: { report: ConfigReport; description: string }[] = [];
  for (const spec of specs) {
    console.log(`\n▶ ${spec.name}`);
    const report = new ConfigReport(spec.name);
    results.push({ report, description: `existing app ${spec.name}` });
    try {
      await runApp(ctx, spec, report);
    } catch (error) {
      if (!(error instanceof StepFailed)) {
        report.abortedAt = "harness error";
        console.log(`  ✘ harness error: ${(error as Error).stack}`);
      }
    }
    report.finished = Date.now();
    console.log(`  ${report.passed ? "PASS" : "FAIL"} ${spec.name} in ${formatDuration(report.ms)}`);
  }
  const allPassed = results.every(({ report }) => report.passed);
  if (!allPassed || process.env.E2E_KEEP) {
    keep();
    console.log(`\nwork folder kept in ${workDir}`);
  }
  console.log(`\n${summaryTable(results, Date.now() - started)}`);
  return allPassed ? 0 : 1;
}

runEntryPoint("existing-app e2e", main);
