/**
 * Checks tested the way ESLint tests rules: inline projects that must pass,
 * and projects that must fail with exactly these findings and, after the fix,
 * exactly this output (a fix that deleted the code would fail here).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Check, Finding, ProjectFile } from "../../lib/diagnostics";
import { corsOrigins } from "../../lib/diagnostics/checks/cors-origins";
import { applyEdits } from "../../lib/diagnostics/edits";

type Invalid = { name: string; files: ProjectFile[]; findings: Finding[]; output: Record<string, string> };

function ruleTester(check: Check, cases: { valid: { name: string; files: ProjectFile[] }[]; invalid: Invalid[] }) {
  describe(check.id, () => {
    for (const { name, files } of cases.valid) it(`passes: ${name}`, () => assert.deepEqual(check.check(files), []));
    for (const { name, files, findings, output } of cases.invalid) {
      it(`fails: ${name}`, () => {
        assert.deepEqual(check.check(files), findings);
        const fixed = Object.fromEntries((check.fix?.(files) ?? []).map((f) => [f.path, f.content]));
        assert.deepEqual(fixed, output);
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
    { name: "the same origins, in another order and as a JSON list", files: services("CORS_ORIGINS=https://a.example,http://localhost:3000\n", 'CORS_ORIGINS=["http://localhost:3000","https://a.example"]\n') },
  ],
  invalid: [
    {
      name: "an origin only the backend allows",
      files: services("X=1\nCORS_ORIGINS=http://localhost:3000\n", "CORS_ORIGINS=http://localhost:3000,https://a.example\n"),
      findings: [
        {
          file: "backend/.env",
          line: 1,
          message: "The backend's CORS_ORIGINS in backend/.env and the auth server's CORS_ORIGINS in auth-server/.env differ: only the backend allows https://a.example",
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
      files: services("CORS_ORIGINS=http://localhost:3000,https://b.example\n", "", [{ path: "backend/main.py", content: 'app.add_middleware(CORSMiddleware, allow_origins=["http://localhost:3000"])\n' }]),
      findings: [
        {
          file: "backend/main.py",
          line: 1,
          message: "The backend's allow_origins in backend/main.py and the auth server's CORS_ORIGINS in auth-server/.env differ: only the auth server allows https://b.example",
        },
      ],
      output: { "backend/main.py": 'app.add_middleware(CORSMiddleware, allow_origins=["http://localhost:3000", "https://b.example"])\n' },
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
