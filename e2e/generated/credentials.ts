/**
 * Credentials the backend must refuse (each → 401 with a JSON `detail`), and
 * sessions that end (signed out, deleted, expired). Every forged credential
 * differs from an accepted one in exactly one flaw; where that needs the
 * auth server's real signing key, a control token signed the same way with
 * correct claims must be accepted first, so a 401 proves the flaw was caught.
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { decodeJwtPart, hs256WithPublicKey, ownKeyJwt, signedSessionValue, tamperSessionSignature, tamperSignature, unsignedJwt, type Claims } from "./forge";
import { assertThat, Browser, expectStatus, jsonObject } from "./http";
import type { Cluster } from "./postgres";
import { mustRun } from "./processes";
import type { ConfigReport } from "./report";
import { FOREIGN_ORIGIN as FOREIGN, type Project } from "./project";
import { expectMe, type Identity } from "./signin";
import type { RedisServer } from "./redis";

const SIGN_JWT_SCRIPT = fileURLToPath(new URL("./sign-jwt.ts", import.meta.url));

type CredentialContext = {
  p: Project;
  report: ConfigReport;
  cluster: Cluster;
  identity: Identity;
  tsxLoader: string;
  env: NodeJS.ProcessEnv;
};

async function expect401(p: Project, headers: Record<string, string>): Promise<void> {
  const reply = await new Browser(p.backendUrl, p.config.cors.origins[0]).request("GET", "/api/me", { headers, cookies: false });
  expectStatus(reply, 401, "backend GET /api/me");
  assertThat(typeof jsonObject(reply, "401 body").detail === "string", `the 401 has no JSON detail: ${reply.text.slice(0, 200)}`);
}

const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });

/** Tokens signed with the auth server's real key through its own `auth.api.signJWT`. */
async function signWithServerKey(ctx: CredentialContext, payloads: Record<string, Claims>): Promise<Record<string, string>> {
  const configPath = join(ctx.p.authDir, "src", "auth", "auth.config.ts");
  const result = await mustRun("node", ["--import", ctx.tsxLoader, SIGN_JWT_SCRIPT, configPath, JSON.stringify(payloads)], {
    cwd: ctx.p.authDir,
    env: ctx.env,
    timeoutMs: 60_000,
  });
  const line = result.output.split("\n").find((l) => l.startsWith("SIGNED "));
  assertThat(line, `sign-jwt printed no tokens:\n${result.output.slice(-1500)}`);
  return JSON.parse(line.slice("SIGNED ".length));
}

export async function checkCredentials(ctx: CredentialContext & { freshSession: () => Promise<Identity | undefined> }): Promise<void> {
  const { p, report, identity } = ctx;
  const jwtMode = p.config.session.validationMethod === "jwt";
  const now = Math.floor(Date.now() / 1000);
  let claims: Claims = { sub: identity.userId, id: identity.userId, email: identity.email, iss: p.authUrl, aud: p.authUrl, iat: now, exp: now + 600 };
  let publicJwk: Record<string, unknown> = { ...generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" }), kid: "e2e-kid" };
  let kid = "e2e-kid";
  let serverSigned: Record<string, string> | undefined;

  if (jwtMode && identity.jwt) {
    claims = decodeJwtPart(identity.jwt, 1);
    kid = String(decodeJwtPart(identity.jwt, 0).kid);
    await report.request("GET /api/auth/jwks publishes the token's Ed25519 key", async () => {
      const reply = await new Browser(p.authUrl, p.config.cors.origins[0]).get("/api/auth/jwks");
      expectStatus(reply, 200, "GET /api/auth/jwks");
      const keys = (jsonObject(reply, "jwks").keys ?? []) as Record<string, unknown>[];
      const key = keys.find((k) => k.kid === kid);
      assertThat(key && key.crv === "Ed25519" && key.kty === "OKP", `no Ed25519 key with kid ${kid}: ${reply.text.slice(0, 300)}`);
      publicJwk = key;
    });
    const fresh = { iat: now, exp: now + 600 };
    await report.request("control: a JWT signed with the server's key by auth.api.signJWT, correct claims → backend 200", async () => {
      serverSigned = await signWithServerKey(ctx, {
        control: { ...claims, ...fresh },
        wrongIssuer: { ...claims, ...fresh, iss: FOREIGN },
        wrongAudience: { ...claims, ...fresh, aud: FOREIGN },
        expired: { ...claims, iat: now - 3600, exp: now - 1800 },
      });
      await expectMe(p, identity, `Bearer ${serverSigned.control}`);
    });
  }
  if (!jwtMode) {
    await report.request("control: the session token signed by the test with the real secret → backend 200 (the forged ones differ in the secret)", () =>
      expectMe(p, identity, `Bearer ${decodeURIComponent(signedSessionValue(identity.raw, p.secret))}`),
    );
  }
  // Without server-signed tokens (database mode, or signing failed above) the claim checks use a key of our own.
  const withClaims = (name: string, extra: Claims) => serverSigned?.[name] ?? ownKeyJwt(kid, { ...claims, ...extra });
  const sessionCookieName = identity.browser.sessionCookie()?.name ?? "better-auth.session_token";
  // Forgeries name no live session. A live session's token under a secret the backend lacks is
  // what a secret changed on one service only looks like: a 503, checked after these.
  const unknownToken = randomBytes(24).toString("base64url");
  const forgedCookie = signedSessionValue(unknownToken, randomBytes(32).toString("base64"));

  const credentials: [string, Record<string, string>][] = [
    ["no credential", {}],
    ["garbage Bearer token", bearer("not-a-token")],
    ["JWT with alg: none", bearer(unsignedJwt(kid, claims))],
    ["HS256 JWT keyed with the server's public key (algorithm confusion)", bearer(hs256WithPublicKey(publicJwk, claims))],
    [`JWT with a wrong issuer (${serverSigned ? "server key" : "own key"})`, bearer(withClaims("wrongIssuer", { iss: FOREIGN }))],
    [`JWT with a wrong audience (${serverSigned ? "server key" : "own key"})`, bearer(withClaims("wrongAudience", { aud: FOREIGN }))],
    [`expired JWT (${serverSigned ? "server key" : "own key"})`, bearer(withClaims("expired", { iat: now - 3600, exp: now - 1800 }))],
    identity.jwt
      ? ["the real JWT with a tampered signature", bearer(tamperSignature(identity.jwt))]
      : ["a signed session token with a tampered signature", bearer(tamperSessionSignature(decodeURIComponent(signedSessionValue(unknownToken, p.secret))))],
    ["JWT with an unknown kid (own Ed25519 key)", bearer(ownKeyJwt(`unknown-${randomBytes(4).toString("hex")}`, claims))],
    ["JWT signed by another Ed25519 key under the real kid", bearer(ownKeyJwt(kid, claims))],
    ["session cookie signed with a forged secret (as a cookie)", { cookie: `${sessionCookieName}=${forgedCookie}` }],
    ["session token signed with a forged secret (as a Bearer token)", bearer(decodeURIComponent(forgedCookie))],
  ];
  if (jwtMode) credentials.push(["the opaque session token instead of a JWT", bearer(identity.raw)]);
  for (const [name, headers] of credentials) {
    await report.request(`bad credential → 401: ${name}`, () => expect401(p, headers));
  }
  if (!jwtMode) {
    await report.request("a live session's token with a signature not of the backend's secrets → 503 {detail} (the secrets disagree)", async () => {
      const headers = bearer(tamperSessionSignature(identity.signed));
      const reply = await new Browser(p.backendUrl, p.config.cors.origins[0]).request("GET", "/api/me", { headers, cookies: false });
      expectStatus(reply, 503, "backend GET /api/me");
      assertThat(String(jsonObject(reply, "503 body").detail).includes("secret is misconfigured"), `unexpected 503 detail: ${reply.text.slice(0, 200)}`);
    });
  }
}

/** The session table and its expiry column, found by shape (the table may be renamed). */
async function sessionTable(cluster: Cluster, database: string): Promise<{ table: string; expiresAt: string }> {
  const rows = await cluster.query<{ table_name: string; column_name: string }>(
    database,
    `select table_name, column_name from information_schema.columns
      where table_schema = 'public' and table_name in (
        select table_name from information_schema.columns where table_schema = 'public' and column_name = 'token')`,
  );
  const tables = [...new Set(rows.map((r) => r.table_name))];
  for (const table of tables) {
    const expiresAt = rows.find((r) => r.table_name === table && /^expires_?at$/i.test(r.column_name));
    if (expiresAt) return { table, expiresAt: expiresAt.column_name };
  }
  throw new Error(`no session table (a table with token and expiresAt columns) among: ${tables.join(", ") || "none"}`);
}

export async function checkSessionEnd(ctx: {
  p: Project;
  report: ConfigReport;
  cluster: Cluster;
  redis: RedisServer;
  identity: Identity;
  freshSession: () => Promise<Identity | undefined>;
}): Promise<void> {
  const { p, report, cluster, redis } = ctx;
  const database = p.databases.a;
  const jwtMode = p.config.session.validationMethod === "jwt";
  const auth = new Browser(p.authUrl, p.config.cors.origins[0]);
  const tokenStatus = async (s: Identity) => (await auth.request("GET", "/api/auth/token", { headers: bearer(s.signed), cookies: false })).status;

  const ends: [string, (s: Identity) => Promise<void>][] = [
    ["signed out", async (s) => expectStatus(await s.browser.post("/api/auth/sign-out"), 200, "POST /api/auth/sign-out")],
    [
      "deleted from the database",
      async (s) => {
        const { table } = await sessionTable(cluster, database);
        await cluster.query(database, `delete from "${table}" where token = $1`, [s.raw]);
        // better-auth reads a session's copy in its secondary storage first: the documented revocation deletes both.
        if (p.config.rateLimit.storage === "redis") await redis.command("DEL", `${p.config.projectName}:${s.raw}`);
      },
    ],
  ];
  if (!jwtMode) {
    ends.push([
      "expired (expiresAt moved into the past)",
      async (s) => {
        const { table, expiresAt } = await sessionTable(cluster, database);
        await cluster.query(database, `update "${table}" set "${expiresAt}" = now() - interval '1 minute' where token = $1`, [s.raw]);
      },
    ]);
  }

  for (const [how, end] of ends) {
    const session = await ctx.freshSession();
    if (!session) continue;
    if (jwtMode) {
      await report.request(`session ${how}: the auth server stops issuing JWTs for it (200 before, 401 after) and the backend refuses its token`, async () => {
        assertThat((await tokenStatus(session)) === 200, "GET /api/auth/token failed before the session ended");
        await end(session);
        const after = await tokenStatus(session);
        assertThat(after === 401, `GET /api/auth/token after the session was ${how}: HTTP ${after}`);
        await expect401(p, bearer(session.raw));
      });
    } else {
      await report.request(`database mode: session ${how} → backend 401 at once (200 just before)`, async () => {
        await expectMe(p, session, `Bearer ${session.raw}`);
        const cookie = session.browser.sessionCookie();
        await end(session);
        await expect401(p, bearer(session.raw));
        await expect401(p, bearer(session.signed));
        if (cookie) await expect401(p, { cookie: `${cookie.name}=${cookie.value}` });
      });
    }
  }
}
