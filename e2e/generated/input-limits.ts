/**
 * Abuse of the input, on the running services: oversized bodies (auth server and backend) and fields,
 * NUL and other control characters in credentials and fields. Each must be a
 * clear 4xx, never a 500, and never reach the database.
 */
import { assertThat } from "./http";
import { PASSWORD, type Project } from "./project";
import type { ConfigReport } from "./report";
import { newEmail, type Identity } from "./signin";

/** better-auth's own window for its sign-up and sign-in limit, and a margin. */
const SIGN_IN_WINDOW_MS = 10_500;

async function send(url: string, init: RequestInit): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000), ...init });
  return { status: response.status, text: await response.text() };
}

export async function checkInputLimits(p: Project, report: ConfigReport, identity: Identity): Promise<void> {
  const origin = p.config.cors.origins[0];
  const json = (body: unknown): RequestInit => ({ method: "POST", headers: { origin, "content-type": "application/json" }, body: JSON.stringify(body) });
  const expect = (reply: { status: number; text: string }, status: number, code?: string) => {
    assertThat(reply.status === status, `HTTP ${reply.status} instead of ${status}: ${reply.text.slice(0, 200)}`);
    if (code) assertThat(reply.text.includes(`"code":"${code}"`), `no code ${code}: ${reply.text.slice(0, 200)}`);
  };
  await report.request('auth server POST /api/auth/verify-token {"token": "abc\\u0000def"} → 400', async () => {
    expect(await send(`${p.authUrl}/api/auth/verify-token`, json({ token: "abc\u0000def" })), 400, "BAD_REQUEST");
  });
  if (p.config.auth.emailPassword.enabled) {
    // better-auth allows one client 3 sign-ups and sign-ins per 10 s, and the checks before this
    // one (all from 127.0.0.1) may have used them: wait the window out, so a 429 cannot hide the answer.
    await new Promise((resolve) => setTimeout(resolve, SIGN_IN_WINDOW_MS));
    await report.request("auth server sign-up with a 300-character name → 400 FIELD_TOO_LONG", async () => {
      expect(
        await send(`${p.authUrl}/api/auth/sign-up/email`, json({ name: "n".repeat(300), email: newEmail(p, "long"), password: PASSWORD })),
        400,
        "FIELD_TOO_LONG",
      );
    });
    await report.request("auth server sign-in with a NUL in the password → 400 INVALID_CHARACTERS", async () => {
      expect(await send(`${p.authUrl}/api/auth/sign-in/email`, json({ email: identity.email, password: "abc\u0000def" })), 400, "INVALID_CHARACTERS");
    });
  }
  if (p.config.session.validationMethod === "database") {
    await report.request("backend GET /api/me with Bearer abc%00def → 401 (never a 500)", async () => {
      expect(await send(`${p.backendUrl}/api/me`, { headers: { origin, authorization: "Bearer abc%00def" } }), 401);
    });
  }
  // Last: the servers answer before reading the whole body and drop that connection.
  await report.request('backend: a 1 MB body → 413 {"detail": …} with CORS headers', async () => {
    const response = await fetch(`${p.backendUrl}/api/me`, { ...json({ pad: "x".repeat(1024 * 1024) }), signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    expect({ status: response.status, text }, 413);
    assertThat(text.startsWith('{"detail":'), `body is not {"detail": …}: ${text.slice(0, 200)}`);
    assertThat(response.headers.get("access-control-allow-origin") === origin, "no Access-Control-Allow-Origin on the 413");
  });
  await report.request("auth server: a 1 MB body → 413 PAYLOAD_TOO_LARGE", async () => {
    expect(await send(`${p.authUrl}/api/auth/sign-in/magic-link`, json({ email: "a@example.com", pad: "x".repeat(1024 * 1024) })), 413, "PAYLOAD_TOO_LARGE");
  });
}
