/**
 * Mail faults, injected for real: the auth server restarted with SMTP_URL
 * naming a port where nothing listens (refused) and a server that accepts and
 * never greets (black hole). Sign-up with required verification, password
 * resets and magic links must answer 503 EMAIL_NOT_SENT within the SMTP
 * timeouts, keep the signed-up user, and send the email once asked again
 * with mail working.
 */
import { createServer, type Socket } from "node:net";
import { freePort } from "../support/free-port";
import type { FaultObservation } from "./faults";
import { assertThat } from "./http";
import { onCleanup, startService, tail, waitFor, type Service } from "./processes";
import { authServerEnv, PASSWORD, type Project, type RunContext } from "./project";
import type { ConfigReport } from "./report";
import { newEmail } from "./signin";

/** Refused: at once, plus a loaded machine's margin. Black hole: the generated greeting timeout (5 s), plus margin. */
const REFUSED_BOUND_MS = 5000;
const SILENT_BOUND_MS = 10_000;

/** A mail server that accepts connections and never says a word. */
async function startSilentSmtp(): Promise<{ url: string; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.resume();
  });
  const port = await new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));
  const stop = async () => {
    unregister();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const unregister = onCleanup(stop);
  return { url: `smtp://127.0.0.1:${port}`, stop };
}

async function withAuthServer<T>(ctx: RunContext, p: Project, smtpUrl: string, fn: (service: Service) => Promise<T>): Promise<T> {
  const service = startService(`auth-server (SMTP_URL=${smtpUrl})`, "npm", ["start"], {
    cwd: p.authDir,
    // Each request below stands for another user behind a proxy on loopback, so better-auth's
    // per-client limits on sign-ups and magic links (3 per window) do not decide these checks.
    env: { ...authServerEnv(ctx, p, p.databases.a), SMTP_URL: smtpUrl, TRUSTED_PROXIES: "127.0.0.1,::1" },
  });
  try {
    await waitFor(`${p.authUrl}/health/ready`, async () => (await fetch(`${p.authUrl}/health/ready`)).status === 200, 90_000, service).catch((error) => {
      throw new Error(`${(error as Error).message}\n${tail(service.log(), 40)}`);
    });
    // A first query warms the database connection, so the timings below are the mail server's.
    await fetch(`${p.authUrl}/api/auth/get-session`, { headers: { origin: p.config.cors.origins[0] } });
    return await fn(service);
  } finally {
    await service.stop();
  }
}

let clients = 0;

async function post(p: Project, path: string, body: unknown): Promise<{ status: number; ms: number; text: string }> {
  const started = Date.now();
  clients += 1;
  const client = `198.51.${Math.floor(clients / 250) % 250}.${(clients % 250) + 1}`;
  const response = await fetch(`${p.authUrl}${path}`, {
    method: "POST",
    headers: { origin: p.config.cors.origins[0], "content-type": "application/json", "x-forwarded-for": client },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, ms: Date.now() - started, text: await response.text() };
}

export function sendsMail(p: Project): boolean {
  const verify = p.config.auth.emailPassword.enabled && p.config.auth.emailPassword.requireEmailVerification;
  return p.config.email.transport === "smtp" && (verify || p.config.auth.magicLink.enabled);
}

export async function checkMailFaults(ctx: RunContext, p: Project, report: ConfigReport): Promise<FaultObservation[]> {
  const observations: FaultObservation[] = [];
  const verify = p.config.auth.emailPassword.enabled && p.config.auth.emailPassword.requireEmailVerification;
  const signedUp: string[] = [];
  const silent = await startSilentSmtp();
  const refused = `smtp://127.0.0.1:${await freePort()}`;
  try {
    for (const [scenario, url, bound] of [
      ["SMTP refuses connections", refused, REFUSED_BOUND_MS],
      ["SMTP black-holed (accepts, never greets)", silent.url, SILENT_BOUND_MS],
    ] as const) {
      await report.request(
        `${scenario}: ${verify ? "sign-up, password reset" : ""}${verify && p.config.auth.magicLink.enabled ? " and " : ""}${p.config.auth.magicLink.enabled ? "magic link" : ""} → 503 EMAIL_NOT_SENT within ${bound} ms`,
        () =>
          withAuthServer(ctx, p, url, async () => {
            const problems: string[] = [];
            const expect = (request: string, reply: { status: number; ms: number; text: string }) => {
              const ok = reply.status === 503 && reply.text.includes('"code":"EMAIL_NOT_SENT"') && reply.ms <= bound;
              observations.push({ scenario, request, status: reply.status, ms: reply.ms, ok });
              if (!ok) problems.push(`${request}: HTTP ${reply.status} in ${reply.ms} ms: ${reply.text.slice(0, 200)}`);
            };
            if (verify) {
              const email = newEmail(p, "mailfault");
              expect("sign-up (verification required)", await post(p, "/api/auth/sign-up/email", { name: "Mail Fault", email, password: PASSWORD }));
              const rows = await ctx.cluster.query(p.databases.a, `select 1 from "user" where email = $1`, [email]);
              if (rows.length !== 1) problems.push(`the signed-up user ${email} was not kept (${rows.length} rows)`);
              signedUp.push(email);
              expect("password reset", await post(p, "/api/auth/request-password-reset", { email }));
            }
            if (p.config.auth.magicLink.enabled) expect("magic link", await post(p, "/api/auth/sign-in/magic-link", { email: newEmail(p, "mailfault-magic") }));
            assertThat(problems.length === 0, problems.join("\n"));
          }),
      );
    }
    await report.request("mail works again: asking again sends the verification email, the password-reset email / the magic link", () =>
      withAuthServer(ctx, p, ctx.mail.url, async () => {
        for (const email of signedUp) {
          const since = ctx.mail.messages.length;
          const reply = await post(p, "/api/auth/send-verification-email", { email });
          assertThat(reply.status === 200, `send-verification-email: HTTP ${reply.status}: ${reply.text.slice(0, 200)}`);
          const mail = await ctx.mail.waitFor(email, since);
          assertThat(
            mail.links.some((link) => link.includes("/verify-email")),
            `no verification link in "${mail.subject}"`,
          );
        }
        for (const email of signedUp.slice(0, 1)) {
          const since = ctx.mail.messages.length;
          const reply = await post(p, "/api/auth/request-password-reset", { email });
          assertThat(reply.status === 200, `request-password-reset: HTTP ${reply.status}: ${reply.text.slice(0, 200)}`);
          const mail = await ctx.mail.waitFor(email, since);
          assertThat(
            mail.links.some((link) => link.includes("/reset-password/")),
            `no password-reset link in "${mail.subject}"`,
          );
        }
        if (p.config.auth.magicLink.enabled) {
          const email = newEmail(p, "mailback-magic");
          const since = ctx.mail.messages.length;
          const reply = await post(p, "/api/auth/sign-in/magic-link", { email });
          assertThat(reply.status === 200, `magic link: HTTP ${reply.status}: ${reply.text.slice(0, 200)}`);
          await ctx.mail.waitFor(email, since);
        }
        observations.push({ scenario: "SMTP back", request: "ask again → 200, email received", status: 200, ms: 0, ok: true });
      }),
    );
  } finally {
    await silent.stop();
  }
  return observations;
}
