/**
 * The generated frontend in a real browser: Chromium opens `frontend/demo/`
 * from a third local origin (neither service's, listed first in both
 * services' CORS_ORIGINS, so FRONTEND_URL takes it by default) and goes
 * through every chosen sign-in method there, calling both services across
 * origins with the generated CORS and cookie settings. Links from the
 * captured emails are opened in the same browser and must land back on the
 * frontend origin; a password reset must refuse the old password, accept
 * the new one and end the account's other sessions.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { chromium, type Browser as Chromium, type BrowserContext, type Page } from "playwright-core";
import { chromiumLaunchOptions } from "../support/chromium";
import { assertThat, paceSignIns } from "./http";
import { linkNodeModules } from "./deps";
import { mustRun, onCleanup, waitFor, type Service } from "./processes";
import { PASSWORD, type Project, type RunContext } from "./project";
import type { ConfigReport } from "./report";
import type { OAuthProvider } from "../../lib/config/option-specs";
import { PROVIDER_AUTHORIZE } from "./service-checks";
import { newEmail } from "./signin";

/** Bounds every wait on the page, so a broken flow fails its check instead of hanging the run. */
const PAGE_TIMEOUT_MS = 20_000;
const NEW_PASSWORD = `${PASSWORD}-renewed`;

export type DemoServer = { stop: () => Promise<void> };

/**
 * Serves the generated demo page at `/` of the frontend origin, from before
 * the services start (their CORS_ORIGINS name the port) until `stop`, so no
 * other process can take the port meanwhile.
 */
export async function serveDemo(p: Project): Promise<DemoServer> {
  const page = readFileSync(join(p.dir, "frontend", "demo", "index.html"));
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", p.frontendOrigin).pathname;
    if (path !== "/") return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(page);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(p.frontendPort, "127.0.0.1", resolve);
  });
  const stop = async () => {
    unregister();
    await new Promise((resolve) => server.close(resolve));
  };
  const unregister = onCleanup(stop);
  return { stop };
}

/** What the page showed for its last action. */
type Outcome = { ok: boolean; text: string };

class DemoPage {
  private constructor(
    readonly page: Page,
    private readonly p: Project,
  ) {}

  /** A new browser context (its own cookies: another device) on the demo, the service URLs given once in the query. */
  static async open(chromium: Chromium, p: Project): Promise<DemoPage> {
    const context = await chromium.newContext();
    context.setDefaultTimeout(PAGE_TIMEOUT_MS);
    const page = await context.newPage();
    const demo = new DemoPage(page, p);
    await demo.goto(`${p.frontendOrigin}/?auth=${encodeURIComponent(p.authUrl)}&api=${encodeURIComponent(p.backendUrl)}`);
    return demo;
  }

  get context(): BrowserContext {
    return this.page.context();
  }

  /** Opens `url` (a link from an email, or the page itself) and waits until the page has asked for its session. */
  async goto(url: string): Promise<string> {
    await this.page.goto(url, { timeout: PAGE_TIMEOUT_MS });
    await this.page.waitForFunction(() => !document.getElementById("session")?.textContent?.startsWith("Checking"));
    return this.page.url();
  }

  session(): Promise<string> {
    return this.page.locator("#session").innerText();
  }

  async fill(fields: Record<string, string>): Promise<void> {
    for (const [id, value] of Object.entries(fields)) await this.page.fill(`#${id}`, value);
  }

  /** Clicks a button and returns what the page reported for it. */
  async act(button: string): Promise<Outcome> {
    if (button === "sign-in" || button === "sign-up") await paceSignIns(this.p.authUrl, `/api/auth/${button}/email`);
    const before = Number(await this.page.locator("#result").getAttribute("data-seq"));
    await this.page.click(`#${button}`);
    await this.page.waitForFunction((seq) => Number(document.getElementById("result")?.dataset.seq) > seq, before);
    const result = this.page.locator("#result");
    return { ok: (await result.getAttribute("data-ok")) === "true", text: await result.innerText() };
  }

  async expect(button: string, ok: boolean, contains?: string): Promise<Outcome> {
    const outcome = await this.act(button);
    assertThat(outcome.ok === ok, `#${button}: expected ${ok ? "success" : "a refusal"}, the page says "${outcome.text}"`);
    if (contains) assertThat(outcome.text.includes(contains), `#${button}: expected "${contains}", the page says "${outcome.text}"`);
    return outcome;
  }

  /** The backend's answer as the page shows it, through the api helper's way for this validation mode. */
  async expectMe(email: string): Promise<void> {
    await this.expect("me", true, email);
  }
}

/** The link from the next email to `address` whose path contains `pathPart`. */
/** As long as the SMTP capture waits for a message. */
const MAIL_TIMEOUT_MS = 15_000;

/**
 * Where the project's mail arrives: the SMTP capture, or with console mail the
 * auth server's log, which prints each link of a message alone on its own line.
 */
class Mailbox {
  constructor(
    private readonly ctx: RunContext,
    private readonly p: Project,
    private readonly authServer: Service,
  ) {}

  /** A point to read later mail from. */
  mark(): number {
    return this.p.config.email.transport === "console" ? this.authServer.log().length : this.ctx.mail.messages.length;
  }

  async linkFor(address: string, since: number, pathPart: string): Promise<string> {
    if (this.p.config.email.transport === "console") return this.loggedLink(address, since, pathPart);
    const mail = await this.ctx.mail.waitFor(address, since);
    const link = mail.links.find((l) => l.includes(pathPart));
    assertThat(link, `no ${pathPart} link in the mail "${mail.subject}": ${mail.text.slice(0, 300)}`);
    return link;
  }

  private async loggedLink(address: string, since: number, pathPart: string): Promise<string> {
    let link: string | undefined;
    await waitFor(
      `a ${pathPart} link for ${address} in the auth server's log`,
      async () => {
        const logged = this.authServer.log().slice(since);
        link = logged.includes(address)
          ? logged
              .split("\n")
              .find((line) => /^https?:\/\/\S+$/.test(line.trim()) && line.includes(pathPart))
              ?.trim()
          : undefined;
        return link !== undefined;
      },
      MAIL_TIMEOUT_MS,
      this.authServer,
    );
    return link!;
  }
}

function assertOnFrontend(p: Project, landed: string, what: string): void {
  assertThat(new URL(landed).origin === p.frontendOrigin, `${what} landed on ${landed}, not on the frontend origin ${p.frontendOrigin}`);
}

/** The React example, compiled as a React app would compile it. */
const REACT_EXAMPLE_FLAGS = [
  "--strict",
  "--jsx",
  "react-jsx",
  "--module",
  "esnext",
  "--moduleResolution",
  "bundler",
  "--target",
  "es2022",
  "--lib",
  "es2022,dom",
  "--skipLibCheck",
];

/** frontend/ compiles against the better-auth the project pins: src/ with its own tsconfig, and the React example. */
export async function checkFrontendTypes(ctx: RunContext, p: Project, report: ConfigReport): Promise<void> {
  const dir = join(p.dir, "frontend");
  const tsc = join(ctx.node.dir, "node_modules", "typescript", "bin", "tsc");
  await report.check("frontend/src (tsc -p frontend) and frontend/examples/react.tsx type-check against better-auth's own types", async () => {
    linkNodeModules(dir, ctx.node);
    await mustRun("node", [tsc, "--noEmit", "-p", "."], { cwd: dir, timeoutMs: 180_000 });
    await mustRun("node", [tsc, "--noEmit", ...REACT_EXAMPLE_FLAGS, "examples/react.tsx"], { cwd: dir, timeoutMs: 180_000 });
  });
}

/** Runs the browser steps against the demo page `serveDemo` serves. */
export async function checkFrontend(ctx: RunContext, p: Project, report: ConfigReport, authServer: Service): Promise<void> {
  const chromiumBrowser = await chromium.launch({ ...chromiumLaunchOptions, timeout: PAGE_TIMEOUT_MS });
  const close = () => chromiumBrowser.close();
  const unregister = onCleanup(close);
  try {
    await new BrowserSteps(ctx, p, report, chromiumBrowser, new Mailbox(ctx, p, authServer)).run();
  } finally {
    unregister();
    await close();
  }
  await forgetLoopbackRateLimits(ctx, p);
}

/**
 * The browser and the rest of the test share one client address, loopback,
 * where real users each have their own: its counters in the database storage
 * (which outlives the restarts for the fault checks) are dropped, so the
 * checks after this one start with a client's full budget.
 */
async function forgetLoopbackRateLimits(ctx: RunContext, p: Project): Promise<void> {
  const [table] = await ctx.cluster.query(p.databases.a, `select to_regclass('"rateLimit"') is not null as present`, []);
  if (table.present) await ctx.cluster.query(p.databases.a, `delete from "rateLimit" where key like '127.0.0.1|%' or key like '::1|%'`, []);
}

class BrowserSteps {
  constructor(
    private readonly ctx: RunContext,
    private readonly p: Project,
    private readonly report: ConfigReport,
    private readonly chromium: Chromium,
    private readonly mailbox: Mailbox,
  ) {}

  private step(name: string, fn: () => Promise<void>): Promise<boolean> {
    return this.report.request(`browser: ${name}`, fn);
  }

  /** A fresh browser context on the demo page for `use`, closed afterwards. */
  private async withPage(use: (page: DemoPage) => Promise<void>): Promise<void> {
    const page = await DemoPage.open(this.chromium, this.p);
    try {
      await use(page);
    } finally {
      await page.context.close();
    }
  }

  async run(): Promise<void> {
    const { emailPassword, magicLink, oauth } = this.p.config.auth;
    await this.withPage(async (page) => {
      const loaded = await this.step(`the demo page from ${this.p.frontendOrigin} (a CORS origin of neither service) loads signed out`, async () => {
        const session = await page.session();
        assertThat(session === "Signed out", `the page says "${session}"`);
      });
      if (loaded && emailPassword.enabled) await this.emailPassword(page);
    });
    if (magicLink.enabled) await this.withPage((page) => this.magicLink(page));
    for (const provider of oauth.providers) await this.withPage((page) => this.oauth(page, provider));
  }

  private async emailPassword(page: DemoPage): Promise<void> {
    const { p } = this;
    const email = newEmail(p, "browser");
    const verify = p.config.auth.emailPassword.requireEmailVerification;
    await page.fill({ email, password: PASSWORD });
    const mailsBefore = this.mailbox.mark();
    const signedUp = await this.step(`sign up with email and password${verify ? " (no session until verified)" : " (signed in at once)"}`, async () => {
      await page.expect("sign-up", true);
      const session = await page.session();
      assertThat(verify ? session === "Signed out" : session.includes(email), `after sign-up the page says "${session}"`);
    });
    if (!signedUp) return;
    if (verify) {
      await this.step("the verification link from the email signs in and lands on the frontend origin", async () => {
        const landed = await page.goto(await this.mailbox.linkFor(email, mailsBefore, "/verify-email"));
        assertOnFrontend(p, landed, "the verification link");
        const session = await page.session();
        assertThat(session.includes(email), `after verification the page says "${session}"`);
      });
    }
    await this.step("GET /api/me on the backend from the page → the user", () => page.expectMe(email));
    await this.step("sign out, then GET /api/me is refused", async () => {
      await page.expect("sign-out", true);
      await page.expect("me", false, "401");
    });
    await this.step("sign in with email and password, then GET /api/me → the user", async () => {
      await page.fill({ email, password: PASSWORD });
      await page.expect("sign-in", true, email);
      await page.expectMe(email);
    });
    await this.withPage((other) => this.passwordReset(page, other, email));
  }

  /** Reset from `page` while `other` (another device) is signed in as the same user: its session must end too. */
  private async passwordReset(page: DemoPage, other: DemoPage, email: string): Promise<void> {
    const { ctx, p } = this;
    const otherSignedIn = await this.step("a second browser (another device) signs in as the same user", async () => {
      await other.fill({ email, password: PASSWORD });
      await other.expect("sign-in", true, email);
      await other.expectMe(email);
    });
    const mailsBefore = this.mailbox.mark();
    const reset = await this.step("forgot password: the reset link from the email lands on the frontend origin, the page sets a new password", async () => {
      await page.fill({ email });
      await page.expect("forgot", true);
      const landed = await page.goto(await this.mailbox.linkFor(email, mailsBefore, "/reset-password/"));
      assertOnFrontend(p, landed, "the password-reset link");
      assertThat(await page.page.locator("#reset").isVisible(), "the page shows no new-password form");
      await page.fill({ "new-password": NEW_PASSWORD });
      await page.expect("reset-submit", true);
    });
    if (!reset) return;
    if (otherSignedIn) {
      // A JWT-mode device holding a cached session cookie still gets JWTs until the cache expires.
      const refusedAtOnce = p.config.session.validationMethod === "database" || !p.config.session.cookieCache.enabled;
      const backendEffect = refusedAtOnce
        ? "/api/me from it refused"
        : `/api/me from it served from its cookie cache (${p.config.session.cookieCache.maxAge} s) and its JWT as better-auth allows, refused after a reload once the auth server has looked the session up`;
      await this.step(`after the reset the other browser's session is gone: none in the database, the auth server knows none, ${backendEffect}`, async () => {
        const rows = await ctx.cluster.query(
          p.databases.a,
          `select count(*)::int as n from "session" s join "user" u on u.id = s."userId" where u.email = $1`,
          [email],
        );
        assertThat(rows[0].n === 0, `${String(rows[0].n)} sessions of the user remain`);
        await other.goto(p.frontendOrigin);
        await other.expect("me", !refusedAtOnce, refusedAtOnce ? "401" : email);
        // Bypassing the cookie cache, the auth server finds no session, and drops the cached cookie.
        const session = await other.page.evaluate(async (authUrl) => {
          const reply = await fetch(`${authUrl}/api/auth/get-session?disableCookieCache=true`, { credentials: "include" });
          return reply.text();
        }, p.authUrl);
        assertThat(session === "null", `get-session (cookie cache bypassed) in the other browser returned ${session.slice(0, 200)}`);
        if (!refusedAtOnce) {
          // A reload drops the JWT the page holds, which stays valid until it expires.
          await other.goto(p.frontendOrigin);
          await other.expect("me", false, "401");
        }
      });
    }
    await this.step("the old password is refused, the new one signs in, GET /api/me → the user", async () => {
      await page.fill({ email, password: PASSWORD });
      await page.expect("sign-in", false, "401");
      await page.fill({ password: NEW_PASSWORD });
      await page.expect("sign-in", true, email);
      await page.expectMe(email);
      await page.expect("sign-out", true);
    });
  }

  private async magicLink(page: DemoPage): Promise<void> {
    const { p } = this;
    const email = newEmail(p, "browser-magic");
    const mailsBefore = this.mailbox.mark();
    await this.step("magic link: the page asks for it, the link from the email signs in and lands on the frontend origin, GET /api/me → the user", async () => {
      await page.fill({ email });
      await page.expect("magic-link", true);
      const landed = await page.goto(await this.mailbox.linkFor(email, mailsBefore, "/magic-link/verify"));
      assertOnFrontend(p, landed, "the magic link");
      const session = await page.session();
      assertThat(session.includes(email), `after the magic link the page says "${session}"`);
      await page.expectMe(email);
      await page.expect("sign-out", true);
    });
  }

  /** The provider is unreachable here: the browser must be sent to it with this project's callback. */
  private async oauth(page: DemoPage, provider: OAuthProvider): Promise<void> {
    const { p } = this;
    const authorize = PROVIDER_AUTHORIZE[provider];
    await this.step(`${provider}: the page's button sends the browser to ${new URL(authorize).host} with the auth server's callback`, async () => {
      await page.page.route(`${new URL(authorize).origin}/**`, (route) => route.abort());
      const [request] = await Promise.all([page.page.waitForRequest((r) => r.url().startsWith(authorize)), page.page.click(`#oauth-${provider}`)]);
      const redirectUri = new URL(request.url()).searchParams.get("redirect_uri");
      assertThat(redirectUri === `${p.authUrl}/api/auth/callback/${provider}`, `redirect_uri is ${redirectUri}`);
    });
  }
}
