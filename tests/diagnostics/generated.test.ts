/**
 * What Sidecar generates is clean by construction: every example config, the
 * defaults and a few hundred random valid configs give projects on which no
 * check reports anything. Mutation probes prove the checks really read the
 * generated files (a clean result is not a check that saw nothing).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import fc from "fast-check";
import { DEFAULT_CONFIG, parseConfig, type Config, type ConfigInput } from "../../lib/config/schema";
import { CHECKS, runDiagnostics, type ProjectFile } from "../../lib/diagnostics";
import { generateProject } from "../../lib/generate";
import { buildProject } from "../../lib/pipeline";
import { validConfigs } from "../support/configs";
import { propertyRuns } from "../support/property-runs";

const EXAMPLES = new URL("../../examples/", import.meta.url);

function exampleConfigs(): [string, Config][] {
  return readdirSync(EXAMPLES)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      const parsed = parseConfig(JSON.parse(readFileSync(new URL(name, EXAMPLES), "utf8")));
      assert.ok(parsed.ok, `examples/${name} is invalid`);
      return [name, parsed.config];
    });
}

const findings = (files: ProjectFile[], config?: Config) =>
  runDiagnostics(files, config).results.flatMap((r) => r.findings.map((f) => `${r.id} ${f.file}:${f.line} ${f.message}`));

describe("generated projects pass every check", () => {
  for (const [name, config] of [["DEFAULT_CONFIG", DEFAULT_CONFIG] as [string, Config], ...exampleConfigs()]) {
    it(name, () => {
      const { files } = buildProject(config);
      assert.deepEqual(findings(files, config), []);
      // As /doctor sees it: no config passed, so it is read back from sidecar.json.
      assert.deepEqual(findings(files), []);
    });
  }

  const origins = ["http://localhost:3000", "http://localhost:5173", "https://app.example.com", "https://octo.github.io", "https://www.shop.example.org"];
  const configs = validConfigs({ projectName: fc.constantFrom("my-app", "shop", "a", "billing-api-2"), origin: fc.constantFrom(...origins) });

  const runs = propertyRuns(300);
  it(`${runs} random valid configs`, () => {
    fc.assert(
      fc.property(configs, (config) => {
        assert.deepEqual(findings(generateProject(config), config), []);
      }),
      { numRuns: runs, seed: 4 },
    );
  });
});

describe("checks that have nothing to look at in a generated project", () => {
  it("say not applicable for Vercel, JWT and serverless rate limits on Railway with database sessions", () => {
    const railway = structuredClone(DEFAULT_CONFIG);
    railway.deployment.authServer = "railway";
    railway.session.validationMethod = "database";
    const report = runDiagnostics(buildProject(railway).files);
    const status = Object.fromEntries(report.results.map((r) => [r.id, r.status]));
    assert.equal(status.vercel, "not-applicable");
    assert.equal(status["jwt-agreement"], "not-applicable");
    assert.equal(status["rate-limit-storage"], "not-applicable");
    assert.equal(status["cors-origins"], "pass");
    assert.match(report.summary, /^➖ Vercel Config: not applicable \(the auth server does not deploy to Vercel\)$/m);
  });

  it("keep the Vercel check for a Vercel project", () => {
    const report = runDiagnostics(buildProject(DEFAULT_CONFIG).files);
    assert.equal(report.results.find((r) => r.id === "vercel")!.status, "pass");
  });
});

describe("sidecar.json records the diagnostics report", () => {
  it("has the doctor's summary lines and a PASS for every check that applies", () => {
    const record = JSON.parse(buildProject(DEFAULT_CONFIG).files.find((f) => f.path === "sidecar.json")!.content);
    // The two checks of an existing app that Sidecar added auth to do not apply to a new project,
    // nor the Redis check to the defaults' memory storage.
    const notApplicable = new Set(["auth-table-collision", "alembic-auth-tables", "redis-storage"]);
    assert.deepEqual(record.diagnostics.counts, {
      pass: CHECKS.length - notApplicable.size,
      fixed: 0,
      warning: 0,
      error: 0,
      notApplicable: notApplicable.size,
    });
    assert.deepEqual(
      record.diagnostics.checks.map((c: { id: string }) => c.id),
      CHECKS.map((c) => c.id),
    );
    for (const check of CHECKS.filter((c) => !notApplicable.has(c.id))) assert.ok(record.diagnostics.summary.includes(`✅ ${check.title}: PASS`), check.title);
  });
});

/** GitHub's anchor for a Markdown heading. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");

describe("every check links to a section of the generated TROUBLESHOOTING.md", () => {
  it("finds each anchor among its headings", () => {
    const guide = generateProject(DEFAULT_CONFIG).find((f) => f.path === "TROUBLESHOOTING.md")!.content;
    const anchors = [...guide.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1]));
    for (const check of CHECKS) assert.ok(anchors.includes(check.docs.split("#")[1]), `${check.id} → ${check.docs}`);
  });
});

/** Replace `from` in one generated file; the probe fails loudly when the template no longer contains it. */
function mutate(files: ProjectFile[], path: string, from: string | RegExp, to: string): ProjectFile[] {
  const file = files.find((f) => f.path === path);
  assert.ok(file, `${path} is not generated`);
  const content = file.content.replace(from, to);
  assert.notEqual(content, file.content, `${path} no longer contains ${from}`);
  return files.map((f) => (f === file ? { path, content } : f));
}

function configOf(input: ConfigInput): Config {
  const parsed = parseConfig(input);
  assert.ok(parsed.ok);
  return parsed.config;
}

/** Moves the better-auth catch-all line up to just after the app is created. */
function catchAllFirst(files: ProjectFile[], path: string, catchAll: RegExp, created: RegExp): ProjectFile[] {
  const file = files.find((f) => f.path === path)!;
  const line = catchAll.exec(file.content);
  assert.ok(line, `no catch-all in ${path}`);
  const without = file.content.replace(line[0], "");
  assert.match(without, created, `${path} no longer creates the app as ${created}`);
  return mutate(
    files,
    path,
    file.content,
    without.replace(created, (m) => `${m}\n${line[0]}`),
  );
}

describe("checks see the generated files (mutation probes)", () => {
  const jwtVercelHono = configOf({
    session: { validationMethod: "jwt" },
    deployment: { authServer: "vercel" },
    cors: { origins: ["http://localhost:3000", "https://app.example.com"] },
  });
  const databaseExpress = configOf({
    session: { validationMethod: "database" },
    deployment: { authServer: "railway" },
    stack: { framework: "express", orm: "pg" },
  });
  const magicLink = configOf({ auth: { emailPassword: { enabled: false }, magicLink: { enabled: true } }, email: { transport: "smtp" } });
  const hono = generateProject(jwtVercelHono);
  const express = generateProject(databaseExpress);
  const passwordless = generateProject(magicLink);

  const probes: [string, string, Config, () => ProjectFile[]][] = [
    ["esm", "no type: module", jwtVercelHono, () => mutate(hono, "auth-server/package.json", /"type": "module",\s*/, "")],
    [
      "route-order",
      "Hono catch-all first",
      jwtVercelHono,
      () => catchAllFirst(hono, "auth-server/src/app.ts", /^app\.on\(.*"\/api\/auth\/\*".*\n/m, /export const app = new Hono\b[^;]*;/),
    ],
    ["route-order", "Express 4 wildcard", databaseExpress, () => mutate(express, "auth-server/src/app.ts", '"/api/auth/*splat"', '"/api/auth/*"')],
    [
      "schema-sync",
      "inet ipAddress in the migration",
      jwtVercelHono,
      () => mutate(hono, "backend/alembic/versions/0001_auth_tables.py", '\\"ipAddress\\" text', '\\"ipAddress\\" inet'),
    ],
    [
      "schema-sync",
      "user_sessions in the backend's query",
      databaseExpress,
      () => mutate(express, "backend/src/auth/verifier.py", 'FROM "session" s', "FROM user_sessions s"),
    ],
    [
      "cookie-config",
      "Lax for a cross-site frontend",
      jwtVercelHono,
      () => mutate(hono, "auth-server/src/auth/auth.config.ts", /sameSite: "none"/, 'sameSite: "lax"'),
    ],
    [
      "vercel",
      "two rewrites",
      jwtVercelHono,
      () => mutate(hono, "auth-server/vercel.json", /"rewrites": \[/, '"rewrites": [{ "source": "/health", "destination": "/api/health" }, '),
    ],
    [
      "rate-limit-storage",
      "memory storage on Vercel",
      jwtVercelHono,
      () => mutate(hono, "auth-server/src/auth/auth.config.ts", /storage: "database"/, 'storage: "memory"'),
    ],
    [
      "jwt-agreement",
      "HS256 in the backend",
      jwtVercelHono,
      () => mutate(hono, "backend/src/auth/verifier.py", 'ALGORITHMS = ["EdDSA"]', 'ALGORITHMS = ["HS256"]'),
    ],
    [
      "cors-origins",
      "backend origins differ",
      jwtVercelHono,
      () => mutate(hono, "backend/.env.example", /^CORS_ORIGINS=.*$/m, "CORS_ORIGINS=http://localhost:3000"),
    ],
    [
      "jwt-agreement",
      "backend expects another issuer",
      jwtVercelHono,
      () => mutate(hono, "backend/.env.example", /^AUTH_SERVER_URL=.*$/m, "AUTH_SERVER_URL=http://localhost:4000"),
    ],
    [
      "secret-length",
      "short secret in the example",
      jwtVercelHono,
      () => mutate(hono, "auth-server/.env.example", /^BETTER_AUTH_SECRET=.*$/m, "BETTER_AUTH_SECRET=change-me"),
    ],
    [
      "email-service",
      "magic links without an email package",
      magicLink,
      () => mutate(passwordless, "auth-server/package.json", /^\s*"nodemailer": "[^"]*",\n/m, ""),
    ],
    [
      "hardcoded-secrets",
      "secret literal",
      jwtVercelHono,
      () => mutate(hono, "auth-server/src/auth/auth.config.ts", "secret: env.betterAuthSecret", 'secret: "Qm9vdHN0cmFwU2VjcmV0VmFsdWUxMjM0NTY"'),
    ],
  ];
  for (const [id, what, config, broken] of probes) {
    it(`${id}: ${what}`, () => {
      const check = CHECKS.find((c) => c.id === id)!;
      const files = broken();
      assert.ok(check.check(files, config).length > 0, `${id} did not fire`);
      if (check.fix) {
        const fixed = runDiagnostics(files, config, { fix: [id] });
        assert.deepEqual(check.check(fixed.files, config), []);
      }
    });
  }
});
