/** The troubleshooter recognises the messages people really paste, and says so when it does not. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CHECKS } from "../../lib/diagnostics";
import { matchError } from "../../lib/troubleshoot/match";
import { ERROR_PATTERNS } from "../../lib/troubleshoot/patterns";

const SAMPLES: [string, string, string?][] = [
  ["esm-require", "Error [ERR_REQUIRE_ESM]: require() of ES Module /app/node_modules/better-auth/dist/index.mjs from /app/src/auth.ts not supported."],
  ["path-to-regexp", "TypeError: Missing parameter name at index 11: /api/auth/*; visit https://git.new/pathToRegexpError for info"],
  ["missing-origin", '403 {"code":"MISSING_OR_NULL_ORIGIN","message":"Missing or null Origin"}'],
  [
    "prepared-statement-pooler",
    'asyncpg.exceptions.DuplicatePreparedStatementError: prepared statement "__asyncpg_stmt_1__" already exists',
    "__asyncpg_stmt_1__",
  ],
  ["pyjwt-algorithm", "jwt.exceptions.PyJWKError: Unable to find an algorithm for key: {'kty': 'OKP', 'crv': 'Ed25519'}"],
  ["pyjwt-audience", "jwt.exceptions.InvalidAudienceError: Audience doesn't match"],
  ["pyjwt-issuer", "jwt.exceptions.InvalidIssuerError: Invalid issuer"],
  ["redirect-uri-mismatch", "Error 400: redirect_uri_mismatch. You can't sign in because this app sent an invalid request."],
  [
    "relation-missing",
    'psycopg.errors.UndefinedTable: relation "user_sessions" does not exist\nLINE 1: SELECT user_id FROM user_sessions WHERE token = $1',
    "user_sessions",
  ],
  ["ip-address-inet", 'ERROR: column "ip_address" is of type inet but expression is of type text', "ip_address"],
  [
    "cors-policy",
    "Access to fetch at 'https://auth.example.com/api/auth/get-session' from origin 'https://octo.github.io' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present.",
  ],
  ["module-not-found", "Error: Cannot find module 'better-auth'"],
  ["not-found", "POST /api/auth/verify-token 404 Not Found"],
  ["session-invalid", '{"detail":"Invalid or expired session"}'],
  ["column-missing", "column s.userid does not exist", "s.userid"],
  ["pyjwt-expired", "jwt.exceptions.ExpiredSignatureError: Signature has expired"],
];

describe("matchError", () => {
  for (const [id, text, subject] of SAMPLES) {
    it(`recognises ${id}`, () => {
      const [first] = matchError(text);
      assert.ok(first, `nothing matched: ${text}`);
      assert.equal(first.pattern.id, id);
      if (subject) assert.equal(first.subject, subject);
      assert.ok(first.pattern.cause.length > 20 && first.pattern.fix.length > 20);
    });
  }

  it("says nothing about an unknown error", () => {
    assert.deepEqual(matchError("Segmentation fault (core dumped)"), []);
    assert.deepEqual(matchError(""), []);
  });

  it("finds several problems in one log, each with its line", () => {
    const log = [
      "uvicorn running",
      'asyncpg.exceptions.DuplicatePreparedStatementError: prepared statement "__asyncpg_stmt_a__" already exists',
      "jwt.exceptions.InvalidIssuerError: Invalid issuer",
    ].join("\n");
    const found = matchError(log).map((m) => [m.pattern.id, m.line]);
    assert.deepEqual(found, [
      ["prepared-statement-pooler", 2],
      ["pyjwt-issuer", 3],
    ]);
  });

  it("prefers the specific explanation over the generic one on the same line", () => {
    const ids = matchError('relation "users" does not exist; column "name" does not exist').map((m) => m.pattern.id);
    assert.deepEqual(ids, ["relation-missing"]);
  });

  it("reads the whole paste: an error at the end of 2 MB of log is found", () => {
    const found = matchError(`${"x".repeat(2_000_000)}\nError [ERR_REQUIRE_ESM]: require() of ES Module`);
    assert.deepEqual(
      found.map((m) => [m.pattern.id, m.line]),
      [["esm-require", 2]],
    );
  });

  it("finds a sequence's parts in order on one line only", () => {
    assert.deepEqual(
      matchError("cookie was blocked because of its SameSite attribute").map((m) => m.pattern.id),
      ["cookie-samesite"],
    );
    assert.deepEqual(
      matchError("cookie was blocked\nSameSite").map((m) => m.pattern.id),
      [],
    );
    assert.deepEqual(
      matchError("SameSite cookie was blocked").map((m) => m.pattern.id),
      [],
    );
    assert.equal(matchError("GET /api/auth/jwks 404")[0].pattern.id, "jwks-fetch");
  });

  it("points only at checks that exist", () => {
    const ids = new Set(CHECKS.map((c) => c.id));
    for (const p of ERROR_PATTERNS) if (p.check) assert.ok(ids.has(p.check), `${p.id} → ${p.check}`);
    assert.equal(new Set(ERROR_PATTERNS.map((p) => p.id)).size, ERROR_PATTERNS.length);
  });
});
