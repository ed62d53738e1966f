/**
 * Error messages people paste, mapped to their cause, the fix and the
 * diagnostic check that finds it: the messages
 * better-auth 1.7, PyJWT, asyncpg/psycopg, PostgreSQL, Express 5 and OAuth
 * providers really print. More specific patterns come first.
 *
 * Every quantifier in a pattern is bounded (no `*`, `+` or `{n,}`; a test holds
 * this), so matching costs a constant per position of the paste: "A, then
 * later on the same line B" is a sequence of parts, searched part after part,
 * never a `.*` the engine would backtrack over.
 */

/** Parts that must appear in this order on one line. */
export type Sequence = readonly RegExp[];

export type ErrorPattern = {
  id: string;
  title: string;
  /**
   * Matched against the pasted text: one expression (a capture group, if any,
   * names the thing involved), or alternatives, each a sequence of parts.
   */
  pattern: RegExp | readonly Sequence[];
  cause: string;
  fix: string;
  /** The diagnostics check that detects (and may fix) it. */
  check?: string;
};

export const ERROR_PATTERNS: readonly ErrorPattern[] = [
  {
    id: "esm-require",
    title: "ESM/CommonJS compatibility",
    pattern:
      /ERR_REQUIRE_ESM|require\(\) of ES Module|Cannot use import statement outside a module|Top-level await is currently not supported with the ["']cjs["'] output format/i,
    cause: "better-auth is published only as ES modules, and the auth server is being loaded as CommonJS.",
    fix: 'Add "type": "module" to auth-server/package.json and use "module": "ESNext" (or "NodeNext") in tsconfig.json.',
    check: "esm",
  },
  {
    id: "path-to-regexp",
    title: "Express 5 wildcard syntax",
    pattern: /Missing parameter name at (?:index |position )?\d{1,10}|PathError|TypeError: Unexpected (?:MODIFIER|\() at/i,
    cause: 'Express 5 uses path-to-regexp 8, which rejects the Express 4 wildcard "/api/auth/*".',
    fix: 'Mount better-auth on "/api/auth/*splat" (or "/api/auth/{*any}").',
    check: "route-order",
  },
  {
    id: "missing-origin",
    title: "Missing or untrusted Origin",
    pattern: /MISSING_OR_NULL_ORIGIN|INVALID_ORIGIN|Invalid origin|Missing or null Origin/i,
    cause: "better-auth refuses a cookie-bearing POST whose Origin (or Referer) is missing or not in trustedOrigins (CSRF protection).",
    fix: "Add the frontend's exact origin (scheme://host[:port], no path or trailing slash) to CORS_ORIGINS/trustedOrigins, and call the auth server from the browser (which sends Origin) with credentials: 'include'.",
    check: "cors-origins",
  },
  {
    id: "prepared-statement-pooler",
    title: "Prepared statements behind a connection pooler",
    pattern: /prepared statement "?([^"\s]{0,128})"? (?:already exists|does not exist)|DuplicatePreparedStatementError|InvalidSQLStatementNameError/i,
    cause:
      "A PgBouncer-style pooler in transaction mode (Supabase, Neon pooled URLs) hands each transaction a different server connection, so a driver's cached prepared statements collide or vanish.",
    fix: "asyncpg: create the pool with statement_cache_size=0; psycopg 3: prepare_threshold=None; or use the provider's direct (non-pooled) URL for migrations.",
  },
  {
    id: "pyjwt-algorithm",
    title: "JWT algorithm mismatch",
    pattern: /Unable to find an algorithm for key|The specified alg value is not allowed|InvalidAlgorithmError|Algorithm not supported/i,
    cause:
      "The backend's allowed algorithms do not include the one the auth server's key uses (better-auth signs with EdDSA/Ed25519 by default), or PyJWT lacks the cryptography extra.",
    fix: 'Decode with algorithms=["EdDSA"] and install pyjwt[crypto]; never verify better-auth tokens with HS256 and a shared secret.',
    check: "jwt-agreement",
  },
  {
    id: "pyjwt-audience",
    title: "JWT audience mismatch",
    pattern: /InvalidAudienceError|Invalid audience|Audience doesn't match|aud claim/i,
    cause:
      "The backend expects a different audience than the token carries: better-auth sets aud to its BETTER_AUTH_URL origin unless the jwt plugin says otherwise. PyJWT also raises this when decode() names no audience at all.",
    fix: "Pass audience= the auth server's BETTER_AUTH_URL origin (or its jwt.audience option) to jwt.decode, and make AUTH_SERVER_URL/JWT_AUDIENCE agree with it.",
    check: "jwt-agreement",
  },
  {
    id: "pyjwt-issuer",
    title: "JWT issuer mismatch",
    pattern: /InvalidIssuerError|Invalid issuer/i,
    cause:
      "The token's iss (the auth server's BETTER_AUTH_URL origin by default) differs from the issuer the backend expects, typically http vs https, a port, or an internal hostname.",
    fix: "Make the backend's expected issuer (AUTH_SERVER_URL origin or JWT_ISSUER) equal the auth server's BETTER_AUTH_URL origin.",
    check: "jwt-agreement",
  },
  {
    id: "pyjwt-expired",
    title: "Expired JWT",
    pattern: /ExpiredSignatureError|Signature has expired|token (?:is )?expired/i,
    cause: "better-auth's JWTs live 15 minutes by default; the client kept using an old one.",
    fix: "Fetch a fresh token from GET /api/auth/token (or the set-auth-jwt header of /get-session) before it expires; check the clocks of both machines.",
  },
  {
    id: "jwks-fetch",
    title: "JWKS not reachable",
    pattern: [[/PyJWKClientError|Fail(?:ed)? to fetch data from the url|Unable to find a signing key that matches/i], [/jwks/i, /404|Not Found/i]],
    cause:
      "The backend fetches keys from the wrong URL or the auth server is unreachable: better-auth publishes them at /api/auth/jwks (only with the jwt plugin).",
    fix: "Point the backend at <AUTH_SERVER_URL>/api/auth/jwks, enable the jwt() plugin, and fetch keys at startup, refreshing on an unknown kid.",
    check: "jwt-agreement",
  },
  {
    id: "redirect-uri-mismatch",
    title: "OAuth redirect URI mismatch",
    pattern: /redirect_uri_mismatch|redirect_uri is not associated|The redirect_uri MUST match|invalid_redirect_uri/i,
    cause:
      "The callback URL better-auth sends (<BETTER_AUTH_URL>/api/auth/callback/<provider>) is not registered with the OAuth app, often because BETTER_AUTH_URL is wrong or http/https differ.",
    fix: "Register <BETTER_AUTH_URL>/api/auth/callback/google (or /github) in the provider's console, and set BETTER_AUTH_URL to the public URL of the auth server.",
  },
  {
    id: "relation-missing",
    title: "Table does not exist",
    pattern: /relation "([^"\n]{1,128})" does not exist/i,
    cause:
      'A query names a table better-auth never created: better-auth\'s tables are "user", "session", "account", "verification" (plus "jwks", "rateLimit"), not users or user_sessions; or the migrations have not run.',
    fix: 'Query "session" and "user" (double-quoted), or rename them in better-auth with modelName; run alembic upgrade head / npm run migrate.',
    check: "schema-sync",
  },
  {
    id: "ip-address-inet",
    title: "ip_address typed inet",
    pattern: /column "(ip_?address)" is of type inet/i,
    cause: "The migration created the session's IP column as inet, but better-auth writes text (and may write an empty string).",
    fix: "Change the column to text (sa.Text() in Alembic).",
    check: "schema-sync",
  },
  {
    id: "column-missing",
    title: "Column does not exist",
    pattern: /column "?([\w.]{1,128})"? (?:of relation "[^"\n]{1,128}" )?does not exist/i,
    cause:
      'better-auth\'s columns are camelCase ("userId", "expiresAt", "emailVerified"); unquoted in SQL they are folded to lowercase, and snake_case names do not exist.',
    fix: 'Write the column double-quoted in camelCase, e.g. s."userId", or make the migration match better-auth\'s schema.',
    check: "schema-sync",
  },
  {
    id: "not-null-violation",
    title: "NOT NULL column better-auth does not fill",
    pattern: /null value in column "([^"\n]{1,128})"(?: of relation "[^"\n]{1,128}")? violates not-null constraint/i,
    cause: "The table has a NOT NULL column better-auth leaves empty (an extra column, or one better-auth treats as optional).",
    fix: "Make the column nullable or give it a default, matching better-auth's schema.",
    check: "schema-sync",
  },
  {
    id: "secret-length",
    title: "Short or missing secret",
    pattern: /BETTER_AUTH_SECRET|secret (?:is )?(?:too short|should be at least)|default secret/i,
    cause: "BETTER_AUTH_SECRET is missing or shorter than 32 characters; it signs session cookies and encrypts the JWT keys.",
    fix: "Set BETTER_AUTH_SECRET to `openssl rand -base64 32` output, the same value wherever it is used; changing it invalidates sessions and stored keys.",
    check: "secret-length",
  },
  {
    id: "cookie-samesite",
    title: "Cross-site cookie blocked",
    pattern: [
      [/SameSite=None/i, /Secure|rejected|blocked/i],
      [/cookie/i, /was blocked|has been rejected/i, /SameSite|cross-site/i],
      [/this Set-Cookie (?:header )?didn't specify a "SameSite"/i],
    ],
    cause: "The frontend is on another site than the auth server; browsers send the session cookie only if it is SameSite=None; Secure.",
    fix: 'Set advanced.defaultCookieAttributes to { sameSite: "none", secure: true } in production (https on both sides).',
    check: "cookie-config",
  },
  {
    id: "cors-policy",
    title: "CORS",
    pattern: /CORS policy|Access-Control-Allow-Origin|Cross-Origin Request Blocked/i,
    cause:
      "The frontend's origin is not allowed by the service it calls (the auth server and the backend each have a list), or a wildcard is used with credentials.",
    fix: "Add the frontend URL to CORS_ORIGINS in both services' .env (exact origin, no trailing slash).",
    check: "cors-origins",
  },
  {
    id: "rate-limited",
    title: "Rate limited",
    pattern: /\b429\b|Too many requests|RATE_LIMIT/i,
    cause: "better-auth's rate limit (configured window and max; sign-in/sign-up stricter) was hit.",
    fix: "Wait for the window to pass, or raise rateLimit.max; on serverless targets use database storage so the limit is shared.",
    check: "rate-limit-storage",
  },
  {
    id: "not-found",
    title: "404 on an auth route",
    pattern: /\b404\b|Not Found|Cannot (?:GET|POST) \/api\/auth/i,
    cause:
      "The route is not registered where the request goes: custom /api/auth routes after better-auth's catch-all, a catch-all that does not match (Express 5), or Vercel rewrites that miss the function.",
    fix: "Register custom /api/auth routes before the catch-all, use /api/auth/*splat on Express 5, and one catch-all rewrite on Vercel.",
    check: "route-order",
  },
  {
    id: "session-invalid",
    title: "Invalid or expired session",
    pattern: /Invalid or expired session|Invalid session|session (?:not found|expired)|UNAUTHORIZED/i,
    cause:
      "The backend cannot find the session: a schema mismatch (table or column names), a signed cookie value compared with the raw token, or an expired session.",
    fix: 'Look the token up in "session"."token" (raw value, before the "." of the signed cookie) joined to "user", with "expiresAt" > now().',
    check: "schema-sync",
  },
  {
    id: "email-not-verified",
    title: "Email not verified",
    pattern: /EMAIL_NOT_VERIFIED|Email not verified/i,
    cause: "Email verification is required and the user has not followed the link; without an email service the link never arrives.",
    fix: "Configure SMTP_URL (or another email service) so sendVerificationEmail delivers the link, or turn requireEmailVerification off while testing.",
    check: "email-service",
  },
  {
    id: "module-not-found",
    title: "Missing module",
    pattern: /Cannot find module|ERR_MODULE_NOT_FOUND|ModuleNotFoundError: No module named/i,
    cause: "A dependency is not installed, or an import path is wrong (ESM needs the .js extension in relative imports).",
    fix: "Run npm install (auth-server) or pip install -r requirements.txt (backend); in ESM write relative imports with their .js extension.",
  },
];
