/**
 * Checks tested the way ESLint tests rules: inline projects that must pass,
 * and projects that must fail with exactly these findings and, after the fix,
 * exactly this output (a fix that deleted the code would fail here).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Check, Finding, ProjectFile } from "../../lib/diagnostics";
import { cookieConfig } from "../../lib/diagnostics/checks/cookie-config";
import { corsOrigins } from "../../lib/diagnostics/checks/cors-origins";
import { emailService } from "../../lib/diagnostics/checks/email-service";
import { jwtAgreement } from "../../lib/diagnostics/checks/jwt-agreement";
import { esm } from "../../lib/diagnostics/checks/esm";
import { rateLimitStorage } from "../../lib/diagnostics/checks/rate-limit-storage";
import { redisStorage } from "../../lib/diagnostics/checks/redis-storage";
import { routeOrder } from "../../lib/diagnostics/checks/route-order";
import { secretLength } from "../../lib/diagnostics/checks/secret-length";
import { hardcodedSecrets } from "../../lib/diagnostics/checks/secrets";
import { vercel } from "../../lib/diagnostics/checks/vercel";
import { applyEdits } from "../../lib/diagnostics/edits";

/** `output`: every file the fix changes, with its exact new content (a pattern only where the fix draws a random value). */
type Invalid = { name: string; files: ProjectFile[]; findings: Finding[]; output: Record<string, string | RegExp> };

function ruleTester(check: Check, cases: { valid: { name: string; files: ProjectFile[] }[]; invalid: Invalid[] }) {
  describe(check.id, () => {
    for (const { name, files } of cases.valid) it(`passes: ${name}`, () => assert.deepEqual(check.check(files), []));
    for (const { name, files, findings, output } of cases.invalid) {
      it(`fails: ${name}`, () => {
        assert.deepEqual(check.check(files), findings);
        const fixed = Object.fromEntries((check.fix?.(files) ?? []).map((f) => [f.path, f.content]));
        assert.deepEqual(Object.keys(fixed).sort(), Object.keys(output).sort());
        for (const [path, want] of Object.entries(output)) {
          if (want instanceof RegExp) assert.match(fixed[path], want, path);
          else assert.equal(fixed[path], want, path);
        }
      });
    }
  });
}

const services = (authEnv: string, backendEnv: string, extra: ProjectFile[] = []): ProjectFile[] => [
  { path: "auth-server/package.json", content: '{ "dependencies": { "better-auth": "1.7.0" } }' },
  { path: "auth-server/.env", content: authEnv },
  { path: "backend/requirements.txt", content: "fastapi\n" },
  { path: "backend/.env", content: backendEnv },
  ...extra,
];

ruleTester(corsOrigins, {
  valid: [
    { name: "the same origins in both .env files", files: services("CORS_ORIGINS=http://localhost:3000\n", "CORS_ORIGINS=http://localhost:3000\n") },
    {
      name: "the same origins, in another order and as a JSON list",
      files: services("CORS_ORIGINS=https://a.example,http://localhost:3000\n", 'CORS_ORIGINS=["http://localhost:3000","https://a.example"]\n'),
    },
  ],
  invalid: [
    {
      name: "an origin only the backend allows",
      files: services("X=1\nCORS_ORIGINS=http://localhost:3000\n", "CORS_ORIGINS=http://localhost:3000,https://a.example\n"),
      findings: [
        {
          file: "backend/.env",
          line: 1,
          message:
            "The backend's CORS_ORIGINS in backend/.env and the auth server's CORS_ORIGINS in auth-server/.env differ: only the backend allows https://a.example",
        },
      ],
      output: {
        "auth-server/.env": "X=1\nCORS_ORIGINS=http://localhost:3000,https://a.example\n",
      },
    },
    {
      name: "a hostile value hidden in a JSON list is left out, and said",
      files: services('CORS_ORIGINS=["http://localhost:3000","http://a\\nNODE_OPTIONS=--require=./evil.js"]\n', "CORS_ORIGINS=http://localhost:3000\n"),
      findings: [
        {
          file: "backend/.env",
          line: 1,
          message:
            "The backend's CORS_ORIGINS in backend/.env and the auth server's CORS_ORIGINS in auth-server/.env differ: only the auth server allows http://a\nNODE_OPTIONS=--require=./evil.js; not origins, left out of the fix: \"http://a\\nNODE_OPTIONS=--require=./evil.js\"",
        },
      ],
      output: { "auth-server/.env": "CORS_ORIGINS=http://localhost:3000\n" },
    },
    {
      name: "a Python allow_origins list, rewritten with the Python encoder",
      files: services("CORS_ORIGINS=http://localhost:3000,https://b.example\n", "", [
        { path: "backend/main.py", content: 'app.add_middleware(CORSMiddleware, allow_origins=["http://localhost:3000"])\n' },
      ]),
      findings: [
        {
          file: "backend/main.py",
          line: 1,
          message:
            "The backend's allow_origins in backend/main.py and the auth server's CORS_ORIGINS in auth-server/.env differ: only the auth server allows https://b.example",
        },
      ],
      output: { "backend/main.py": 'app.add_middleware(CORSMiddleware, allow_origins=["http://localhost:3000", "https://b.example"])\n' },
    },
  ],
});

const authPackage = (fields = ""): ProjectFile => ({
  path: "auth-server/package.json",
  content: `{\n  "name": "a",\n${fields}  "dependencies": { "better-auth": "1.7.0", "express": "5.1.0" }\n}\n`,
});
const authFile = (path: string, content: string): ProjectFile => ({ path: `auth-server/${path}`, content });

ruleTester(esm, {
  valid: [
    {
      name: "type module and ESNext",
      files: [authPackage('  "type": "module",\n'), authFile("tsconfig.json", '{ "compilerOptions": { "module": "ESNext" } }\n')],
    },
  ],
  invalid: [
    {
      name: "no type and CommonJS output",
      files: [authPackage(), authFile("tsconfig.json", '{ "compilerOptions": { "module": "commonjs" } }\n')],
      findings: [
        { file: "auth-server/package.json", line: 1, message: '"type": "module" is missing: better-auth is ESM-only' },
        { file: "auth-server/tsconfig.json", line: 1, message: '"module": "commonjs" compiles to CommonJS: use "ESNext" (or "NodeNext")' },
      ],
      output: {
        "auth-server/package.json": '{\n  "name": "a",\n  "type": "module",\n  "dependencies": { "better-auth": "1.7.0", "express": "5.1.0" }\n}\n',
        "auth-server/tsconfig.json": '{ "compilerOptions": { "module": "ESNext" } }\n',
      },
    },
  ],
});

ruleTester(secretLength, {
  valid: [{ name: "a 32-character secret", files: [authPackage(), authFile(".env", `BETTER_AUTH_SECRET=${"k".repeat(32)}\n`)] }],
  invalid: [
    {
      name: "a 5-character secret",
      files: [authPackage(), authFile(".env", "A=1\nBETTER_AUTH_SECRET=short\n")],
      findings: [{ file: "auth-server/.env", line: 2, message: "BETTER_AUTH_SECRET is 5 characters long; use at least 32 random characters" }],
      output: { "auth-server/.env": /^A=1\nBETTER_AUTH_SECRET=[\w-]{48}\n$/ },
    },
  ],
});

const vercelFunction = authFile("api/index.ts", "export default app;\n");

ruleTester(rateLimitStorage, {
  valid: [
    {
      name: "database storage on Vercel",
      files: [
        authPackage(),
        vercelFunction,
        authFile("vercel.json", "{}\n"),
        authFile("src/auth.ts", 'export const auth = betterAuth({ rateLimit: { storage: "database" } });\n'),
      ],
    },
  ],
  invalid: [
    {
      name: "memory storage on Vercel, behind a regex literal holding brackets and a quote",
      files: [
        authPackage(),
        vercelFunction,
        authFile("vercel.json", "{}\n"),
        authFile("src/auth.ts", 'export const auth = betterAuth({\n  a: s.replace(/[{"]/g, ""),\n  rateLimit: { enabled: true, storage: "memory" },\n});\n'),
      ],
      findings: [
        {
          file: "auth-server/src/auth.ts",
          line: 3,
          message: 'Rate limiting uses "memory" on Vercel: each serverless instance counts separately; use storage: "database"',
        },
      ],
      output: {
        "auth-server/src/auth.ts":
          'export const auth = betterAuth({\n  a: s.replace(/[{"]/g, ""),\n  rateLimit: { enabled: true, storage: "database" },\n});\n',
      },
    },
  ],
});

const redisClient = authFile("src/redis.ts", "export const secondaryStorage = redisStorage({ client: new Redis(process.env.REDIS_URL!) });\n");
const listedRedisUrl = authFile(".env.example", "DATABASE_URL=\nREDIS_URL=redis://localhost:6379\n");

ruleTester(redisStorage, {
  valid: [
    {
      name: "sessions kept in the database and REDIS_URL listed",
      files: [
        authPackage(),
        redisClient,
        listedRedisUrl,
        authFile("src/auth.ts", "export const auth = betterAuth({ secondaryStorage, session: { storeSessionInDatabase: true } });\n"),
      ],
    },
    {
      name: "no secondary storage",
      files: [authPackage(), authFile(".env.example", "DATABASE_URL=\n"), authFile("src/auth.ts", "export const auth = betterAuth({});\n")],
    },
  ],
  invalid: [
    {
      name: "a secondary storage with sessions left in it only",
      files: [
        authPackage(),
        redisClient,
        listedRedisUrl,
        authFile("src/auth.ts", "export const auth = betterAuth({\n  session: { expiresIn: 60 },\n  secondaryStorage,\n});\n"),
      ],
      findings: [
        {
          file: "auth-server/src/auth.ts",
          line: 3,
          message:
            "secondaryStorage is set but session.storeSessionInDatabase is not true: sessions are kept in the secondary storage only, so the backend never finds them in PostgreSQL and a restart of it signs everyone out",
        },
      ],
      output: {
        "auth-server/src/auth.ts": "export const auth = betterAuth({\n  session: { storeSessionInDatabase: true, expiresIn: 60 },\n  secondaryStorage,\n});\n",
      },
    },
    {
      name: "storeSessionInDatabase turned off, and REDIS_URL read but not in .env.example",
      files: [
        authPackage(),
        redisClient,
        authFile(".env.example", "DATABASE_URL="),
        authFile("src/auth.ts", "export const auth = betterAuth({ secondaryStorage, session: { storeSessionInDatabase: false } });\n"),
      ],
      findings: [
        {
          file: "auth-server/src/auth.ts",
          line: 1,
          message:
            "secondaryStorage is set but session.storeSessionInDatabase is not true: sessions are kept in the secondary storage only, so the backend never finds them in PostgreSQL and a restart of it signs everyone out",
        },
        {
          file: "auth-server/.env.example",
          line: 1,
          message: "The auth server reads REDIS_URL (Redis storage) but .env.example does not list it: a new instance would not start",
        },
      ],
      output: {
        "auth-server/src/auth.ts": "export const auth = betterAuth({ secondaryStorage, session: { storeSessionInDatabase: true } });\n",
        "auth-server/.env.example": "DATABASE_URL=\nREDIS_URL=redis://localhost:6379\n",
      },
    },
  ],
});

ruleTester(hardcodedSecrets, {
  valid: [
    {
      name: "the secret from the environment",
      files: [authPackage(), authFile("src/auth.ts", "export const auth = betterAuth({ secret: process.env.BETTER_AUTH_SECRET });\n")],
    },
  ],
  invalid: [
    {
      name: "a secret written in the options",
      files: [authPackage(), authFile("src/auth.ts", 'export const auth = betterAuth({\n  secret: "k3J9xQ2mP8vL5nR7tY4wZ1aB6cD0eF3g",\n});\n')],
      findings: [
        { file: "auth-server/src/auth.ts", line: 2, message: "secret is a secret written in the code: read it from the environment (BETTER_AUTH_SECRET)" },
      ],
      output: { "auth-server/src/auth.ts": "export const auth = betterAuth({\n  secret: process.env.BETTER_AUTH_SECRET,\n});\n" },
    },
  ],
});

ruleTester(routeOrder, {
  valid: [
    {
      name: "custom route before the catch-all",
      files: [authPackage(), authFile("src/app.ts", 'app.get("/api/auth/me", me);\napp.all("/api/auth/*splat", toNodeHandler(auth));\n')],
    },
  ],
  invalid: [
    {
      name: "custom route after the catch-all",
      files: [authPackage(), authFile("src/app.ts", 'app.all("/api/auth/*", toNodeHandler(auth));\napp.get("/api/auth/me", me);\n')],
      findings: [
        {
          file: "auth-server/src/app.ts",
          line: 2,
          message: "GET /api/auth/me is registered after the better-auth catch-all (line 1): better-auth answers first and this route is never reached",
        },
      ],
      output: { "auth-server/src/app.ts": 'app.get("/api/auth/me", me);\n\napp.all("/api/auth/*", toNodeHandler(auth));\n' },
    },
  ],
});

ruleTester(vercel, {
  valid: [
    {
      name: "one catch-all rewrite to the function",
      files: [authPackage(), vercelFunction, authFile("vercel.json", '{ "rewrites": [{ "source": "/(.*)", "destination": "/api" }] }\n')],
    },
  ],
  invalid: [
    {
      name: "a rewrite that is not a catch-all",
      files: [
        authPackage(),
        vercelFunction,
        authFile("vercel.json", '{\n  "rewrites": [\n    { "source": "/api/auth/(.*)", "destination": "/api/index.js" }\n  ]\n}\n'),
      ],
      findings: [{ file: "auth-server/vercel.json", line: 3, message: 'The rewrite source "/api/auth/(.*)" is not a catch-all: paths outside it return 404' }],
      output: { "auth-server/vercel.json": '{\n  "rewrites": [\n    {\n      "source": "/(.*)",\n      "destination": "/api"\n    }\n  ]\n}\n' },
    },
  ],
});

const betterAuthOnly: ProjectFile = { path: "auth-server/package.json", content: '{ "dependencies": { "better-auth": "1.7.0" } }\n' };

ruleTester(emailService, {
  valid: [
    {
      name: "verification not required",
      files: [betterAuthOnly, authFile("src/auth.ts", "export const auth = betterAuth({ emailAndPassword: { enabled: true } });\n")],
    },
  ],
  invalid: [
    {
      name: "verification required with no way to send the link (no fix: a person decides)",
      files: [
        betterAuthOnly,
        authFile("src/auth.ts", "export const auth = betterAuth({\n  emailAndPassword: { enabled: true, requireEmailVerification: true },\n});\n"),
      ],
      findings: [
        {
          file: "auth-server/src/auth.ts",
          line: 2,
          message: "Email verification is required but emailVerification.sendVerificationEmail is not defined: users never get the link",
        },
      ],
      output: {},
    },
  ],
});

ruleTester(cookieConfig, {
  valid: [
    {
      name: "a frontend on the auth server's site",
      files: [
        betterAuthOnly,
        authFile(".env", "CORS_ORIGINS=https://app.example.com\nBETTER_AUTH_URL=https://auth.example.com\n"),
        authFile("src/auth.ts", "export const auth = betterAuth({});\n"),
      ],
    },
  ],
  invalid: [
    {
      name: "a frontend on another site with Lax cookies",
      files: [
        betterAuthOnly,
        authFile(".env", "CORS_ORIGINS=https://app.other.example\nBETTER_AUTH_URL=https://auth.example.com\n"),
        authFile("src/auth.ts", 'export const auth = betterAuth({\n  advanced: { defaultCookieAttributes: { sameSite: "lax" } },\n});\n'),
      ],
      findings: [
        {
          file: "auth-server/src/auth.ts",
          line: 2,
          message:
            'https://app.other.example is on another site than the auth server, but the session cookie stays SameSite=Lax: set sameSite "none" with secure in production',
        },
      ],
      output: {
        "auth-server/src/auth.ts":
          'export const auth = betterAuth({\n  advanced: { defaultCookieAttributes: { sameSite: process.env.NODE_ENV === "production" ? "none" : "lax" } },\n});\n',
      },
    },
  ],
});

ruleTester(jwtAgreement, {
  valid: [
    {
      name: "the JWKS path and algorithm better-auth uses",
      files: [
        betterAuthOnly,
        authFile("src/auth.ts", "export const auth = betterAuth({ plugins: [jwt()] });\n"),
        { path: "backend/requirements.txt", content: "fastapi\n" },
        { path: "backend/src/verify.py", content: 'JWKS_URL = AUTH + "/api/auth/jwks"\njwt.decode(token, key, algorithms=["EdDSA"], audience=A, issuer=I)\n' },
      ],
    },
  ],
  invalid: [
    {
      name: "another JWKS path and algorithm",
      files: [
        betterAuthOnly,
        authFile("src/auth.ts", "export const auth = betterAuth({ plugins: [jwt()] });\n"),
        { path: "backend/requirements.txt", content: "fastapi\n" },
        {
          path: "backend/src/verify.py",
          content: 'JWKS_URL = AUTH + "/.well-known/jwks.json"\njwt.decode(token, key, algorithms=["RS256"], audience=A, issuer=I)\n',
        },
      ],
      findings: [
        {
          file: "backend/src/verify.py",
          line: 1,
          message: "The backend fetches keys from /.well-known/jwks.json, but better-auth publishes them at /api/auth/jwks",
        },
        {
          file: "backend/src/verify.py",
          line: 2,
          message: 'The backend accepts RS256, but the auth server signs with EdDSA (PyJWT: "Unable to find an algorithm for key")',
        },
      ],
      output: { "backend/src/verify.py": 'JWKS_URL = AUTH + "/api/auth/jwks"\njwt.decode(token, key, algorithms=["EdDSA"], audience=A, issuer=I)\n' },
    },
    {
      name: "a JWKS path from the auth server's code that is not a path is not written",
      files: [
        betterAuthOnly,
        authFile("src/auth.ts", 'export const auth = betterAuth({ basePath: "/x\\n\\\\", plugins: [jwt()] });\n'),
        { path: "backend/requirements.txt", content: "fastapi\n" },
        { path: "backend/src/verify.py", content: 'JWKS_URL = AUTH + "/.well-known/jwks.json"\n' },
      ],
      findings: [
        {
          file: "backend/src/verify.py",
          line: 1,
          message: "The backend fetches keys from /.well-known/jwks.json, but better-auth publishes them at /x\\n\\\\/jwks",
        },
      ],
      output: {},
    },
  ],
});

describe("applyEdits", () => {
  it("applies edits from the end, skipping overlaps, to exactly this output", () => {
    const files = [{ path: "a.txt", content: "0123456789" }];
    const out = applyEdits(files, [
      { path: "a.txt", start: 1, end: 3, text: "X" },
      { path: "a.txt", start: 2, end: 4, text: "Y" },
      { path: "a.txt", start: 8, end: 8, text: "Z" },
    ]);
    assert.deepEqual(out, [{ path: "a.txt", content: "01Y4567Z89" }]);
  });
});
