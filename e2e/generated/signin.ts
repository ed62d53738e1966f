/**
 * Getting a signed-in user the ways a config offers (email and password, with
 * or without verification through the captured email; magic link), and the
 * backend's view of that user.
 */
import { randomBytes } from "node:crypto";
import { assertThat, Browser, expectStatus, jsonObject, type Reply } from "./http";
import { PASSWORD, type Project, type RunContext } from "./project";
import type { ConfigReport } from "./report";

/** A signed-in user as the tests hold it: raw and signed session token, the JWT once fetched, the browser with its cookies. */
export type Identity = { browser: Browser; email: string; userId: string; raw: string; signed: string; jwt?: string };

let userCounter = 0;
export function newEmail(p: Project, label: string): string {
  return `${p.config.projectName}-${label}-${++userCounter}-${randomBytes(3).toString("hex")}@e2e.example.com`;
}

/** A new signed-in session, by whichever method the config offers, for tests that destroy one. */
export async function freshSession(ctx: RunContext, p: Project, report: ConfigReport, browser: () => Browser): Promise<Identity | undefined> {
  if (p.config.auth.emailPassword.enabled) return emailPasswordSignIn(ctx, p, report, browser(), "another");
  return magicLinkSignIn(ctx, p, report, browser(), newEmail(p, "magic"), "another");
}

function identityFrom(reply: Reply, browser: Browser, email: string): Identity {
  const body = jsonObject(reply, "sign-in");
  const user = body.user as Record<string, unknown> | undefined;
  const cookie = browser.sessionCookie();
  const signed = reply.headers.get("set-auth-token") ?? (cookie && decodeURIComponent(cookie.value));
  assertThat(signed, `no set-auth-token header and no session cookie: ${reply.text.slice(0, 300)}`);
  const raw = typeof body.token === "string" ? body.token : signed.split(".")[0];
  assertThat(user && typeof user.id === "string", `no user in the reply: ${reply.text.slice(0, 300)}`);
  return { browser, email, userId: user.id, raw, signed };
}

export async function emailPasswordSignIn(ctx: RunContext, p: Project, report: ConfigReport, browser: Browser, label = "first"): Promise<Identity | undefined> {
  const email = newEmail(p, "password");
  const verify = p.config.auth.emailPassword.requireEmailVerification;
  const mailsBefore = ctx.mail.messages.length;
  const signIn = () => browser.post("/api/auth/sign-in/email", { email, password: PASSWORD });

  const signedUp = await report.request(
    `sign-up with email and password (${label} user) → 200${verify ? ", no session before verification" : ""}`,
    async () => {
      const reply = await browser.post("/api/auth/sign-up/email", { name: "E2E User", email, password: PASSWORD });
      expectStatus(reply, 200, "POST /api/auth/sign-up/email");
      const token = jsonObject(reply, "sign-up").token;
      if (verify) assertThat(token === null || token === undefined, `sign-up returned a session token before verification: ${reply.text}`);
    },
  );
  if (!signedUp) return undefined;

  if (verify) {
    await report.request(`sign-in before the email is verified (${label} user) → 403 EMAIL_NOT_VERIFIED`, async () => {
      const reply = await signIn();
      expectStatus(reply, 403, "sign-in of an unverified user");
      assertThat(jsonObject(reply, "sign-in").code === "EMAIL_NOT_VERIFIED", `unexpected error: ${reply.text}`);
    });
    const verified = await report.request(
      `follow the verification link from the email captured over SMTP (${label} user) → FRONTEND_URL (by default the first CORS origin)`,
      async () => {
        const mail = await ctx.mail.waitFor(email, mailsBefore);
        const link = mail.links.find((l) => l.includes("/verify-email"));
        assertThat(link, `no /verify-email link in the mail "${mail.subject}": ${mail.text.slice(0, 300)}`);
        assertThat(link.startsWith(p.authUrl), `the link ${link} does not point at BETTER_AUTH_URL ${p.authUrl}`);
        const reply = await new Browser(p.authUrl, p.config.cors.origins[0]).get(link);
        assertThat(reply.status === 200 || (reply.status >= 300 && reply.status < 400), `GET ${link}: HTTP ${reply.status} ${reply.text.slice(0, 300)}`);
        const location = reply.headers.get("location") ?? "";
        assertThat(!location.includes("error="), `verification redirected with an error: ${location}`);
        // Sign-up named no callbackURL: the link lands on the frontend, not on the auth server's "/".
        assertThat(
          URL.canParse(location) && new URL(location).origin === p.frontendOrigin,
          `verification redirected to "${location}", not to FRONTEND_URL ${p.frontendOrigin}`,
        );
      },
    );
    if (!verified) return undefined;
  }

  let identity: Identity | undefined;
  await report.request(`sign-in with email and password (${label} user) → 200 with a session${verify ? " after verification" : ""}`, async () => {
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

export async function magicLinkSignIn(
  ctx: RunContext,
  p: Project,
  report: ConfigReport,
  browser: Browser,
  email: string,
  label = "first",
): Promise<Identity | undefined> {
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
