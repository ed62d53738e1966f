/**
 * What the running services must do for a signed-in user and for strangers:
 * the session on both services, JWKS caching, OAuth redirects, CORS and the
 * rate limit.
 */
import { decodeJwtPart, ownKeyJwt } from "./forge";
import { assertThat, Browser, expectStatus, jsonObject, send } from "./http";
import { sleep, type Service } from "./processes";
import { FOREIGN_ORIGIN, OAUTH_CLIENT_IDS, type Project } from "./project";
import type { ConfigReport } from "./report";
import { expectMe, type Identity } from "./signin";

/** The user is known to both services through the credential the config's validation mode uses. */
export async function checkSession(p: Project, report: ConfigReport, identity: Identity): Promise<void> {
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
export async function checkJwksFetching(p: Project, report: ConfigReport, identity: Identity, authServer: Service): Promise<void> {
  const fetches = async () => {
    await sleep(300); // the log line follows the response
    return authServer
      .log()
      .split("\n")
      .filter((line) => line.includes("/api/auth/jwks")).length;
  };
  await report.request("backend verifies JWTs without fetching the JWKS per request (5 requests, auth server log unchanged)", async () => {
    assertThat((await fetches()) >= 1, "the auth server's log shows no JWKS fetch at all (startup fetch expected)");
    const before = await fetches();
    for (let i = 0; i < 5; i++) await expectMe(p, identity, `Bearer ${identity.jwt}`);
    const after = await fetches();
    assertThat(after === before, `${after - before} JWKS fetches during 5 requests with a known key`);
  });
  await report.request(
    "tokens with unknown key ids refresh the JWKS at most once per cooldown (3 concurrent requests → 401, at most 2 fetches in their ~1 s)",
    async () => {
      const before = await fetches();
      const replies = await Promise.all(
        [0, 1, 2].map((i) =>
          new Browser(p.backendUrl, p.config.cors.origins[0]).request("GET", "/api/me", {
            headers: { authorization: `Bearer ${ownKeyJwt(`unknown-${i}`, decodeJwtPart(identity.jwt!, 1))}` },
            cookies: false,
          }),
        ),
      );
      for (const reply of replies) expectStatus(reply, 401, "unknown kid");
      const after = await fetches();
      assertThat(after - before <= 2, `${after - before} JWKS fetches for 3 unknown key ids`);
    },
  );
}

export const PROVIDER_AUTHORIZE = { google: "https://accounts.google.com/", github: "https://github.com/login/oauth/authorize" };

export async function checkOAuthRedirect(p: Project, report: ConfigReport, browser: Browser, provider: "google" | "github"): Promise<void> {
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

export async function checkCors(p: Project, report: ConfigReport): Promise<void> {
  const origins = [...new Set([p.config.cors.origins[0], p.config.cors.origins.at(-1)!])];
  for (const [service, base, path] of [
    ["auth server", p.authUrl, "/api/auth/get-session"],
    ["backend", p.backendUrl, "/api/me"],
  ] as const) {
    for (const origin of origins) {
      await report.request(`${service} CORS: preflight from configured origin ${origin} → Access-Control-Allow-Origin: ${origin}`, async () => {
        const reply = await preflight(base, path, origin);
        assertThat(reply.status < 300, `OPTIONS ${path}: HTTP ${reply.status}`);
        assertThat(
          reply.headers.get("access-control-allow-origin") === origin,
          `Access-Control-Allow-Origin is ${reply.headers.get("access-control-allow-origin")}`,
        );
        assertThat(reply.headers.get("access-control-allow-credentials") === "true", "credentials are not allowed");
      });
    }
    await report.request(`${service} CORS: origin ${FOREIGN_ORIGIN} gets no Access-Control-Allow-Origin`, async () => {
      for (const reply of [await preflight(base, path, FOREIGN_ORIGIN), await send(base + path, { headers: { origin: FOREIGN_ORIGIN } })]) {
        const allowed = reply.headers.get("access-control-allow-origin");
        assertThat(allowed === null, `Access-Control-Allow-Origin: ${allowed} for a foreign origin`);
      }
    });
  }
}

function preflight(base: string, path: string, origin: string): Promise<Response> {
  return send(base + path, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
  });
}

export async function checkRateLimit(p: Project, report: ConfigReport, browser: Browser): Promise<void> {
  const { enabled, max, window } = p.config.rateLimit;
  const statuses: number[] = [];
  // Vercel's edge overwrites X-Forwarded-For, so there a direct connection stands for the edge; elsewhere
  // each request forges another address, which must not give it a budget of its own.
  const forge = p.config.deployment.authServer !== "vercel";
  const send = async (n: number) => {
    for (let i = 0; i < n; i++) statuses.push((await browser.get("/api/auth/ok", forge ? { "x-forwarded-for": `203.0.113.${i + 1}` } : {})).status);
  };
  if (enabled) {
    const forged = forge ? ", each with a different forged X-Forwarded-For" : "";
    await report.request(
      `rate limit: ${max} requests in ${window} s pass, request ${max + 1} → 429 (${p.config.rateLimit.storage} storage${forged})`,
      async () => {
        await send(max + 1);
        const early = statuses.slice(0, max);
        assertThat(
          early.every((s) => s === 200),
          `the first ${max} requests got ${early.join(",")}`,
        );
        assertThat(statuses[max] === 429, `request ${max + 1} got ${statuses[max]}`);
      },
    );
  } else {
    await report.request(`rate limit off: ${max + 1} requests in a row all pass`, async () => {
      await send(max + 1);
      assertThat(
        statuses.every((s) => s === 200),
        `statuses: ${statuses.join(",")}`,
      );
    });
  }
}
