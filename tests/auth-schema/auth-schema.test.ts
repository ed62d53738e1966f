import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { authSchemaFacts, authTables, createStatements, uniqueConstraintName } from "../../lib/auth-schema";
import { resolveConfig } from "../../lib/config/resolve";
import { parseConfig, type ConfigInput } from "../../lib/config/schema";

function tablesFor(input: ConfigInput) {
  const parsed = parseConfig(input);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
  return authTables(authSchemaFacts(resolveConfig(parsed.config)));
}

/** What better-auth 1.7.25 printed for the same plugin set (see capture-better-auth-sql.mjs). */
const betterAuthSql = (name: string) => readFileSync(new URL(`better-auth-sql/${name}.sql`, import.meta.url), "utf8").trimEnd();

const asMigration = (statements: string[]) => statements.join(";\n\n") + ";";

describe("authTables matches the SQL better-auth's getMigrations compiles", () => {
  const cases: [string, ConfigInput][] = [
    ["database-memory", { session: { validationMethod: "database" }, deployment: { authServer: "docker" } }],
    ["jwt-memory", { session: { validationMethod: "jwt" }, deployment: { authServer: "railway" } }],
    ["database-ratelimit-db", { session: { validationMethod: "database" }, deployment: { authServer: "vercel" } }],
    [
      "jwt-ratelimit-db-magiclink-oauth",
      {
        session: { validationMethod: "jwt" },
        deployment: { authServer: "railway" },
        rateLimit: { enabled: false, storage: "database" },
        auth: {
          emailPassword: { requireEmailVerification: true },
          magicLink: { enabled: true },
          oauth: { providers: ["google", "github"] },
        },
      },
    ],
  ];
  for (const [fixture, input] of cases) {
    it(fixture, () => assert.equal(asMigration(createStatements(tablesFor(input))), betterAuthSql(fixture)));
  }
});

describe("authTables", () => {
  it("adds jwks only in JWT mode and rateLimit only with database storage", () => {
    const names = (input: ConfigInput) => tablesFor(input).map((t) => t.name);
    assert.deepEqual(names({ session: { validationMethod: "database" }, deployment: { authServer: "docker" } }), [
      "user",
      "session",
      "account",
      "verification",
    ]);
    assert.deepEqual(names({ session: { validationMethod: "jwt" }, deployment: { authServer: "vercel" } }), [
      "user",
      "session",
      "account",
      "verification",
      "jwks",
      "rateLimit",
    ]);
  });

  it("has no account.issuer column (removed after better-auth 1.7.2; a NOT NULL one stops 1.7.25 from starting)", () => {
    const account = tablesFor({}).find((t) => t.name === "account")!;
    assert.equal(
      account.columns.some((c) => c.name === "issuer"),
      false,
    );
  });

  it("makes creation idempotent with IF NOT EXISTS on every statement", () => {
    for (const statement of createStatements(tablesFor({}), { ifNotExists: true })) {
      assert.match(statement, /^create (table|index) if not exists "/);
    }
  });

  it("names unique constraints the way PostgreSQL does", () => {
    const user = tablesFor({}).find((t) => t.name === "user")!;
    const email = user.columns.find((c) => c.name === "email")!;
    assert.equal(uniqueConstraintName(user, email), "user_email_key");
  });
});
