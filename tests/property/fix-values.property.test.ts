/**
 * Fixes fed hostile values: whatever the project's files hold (newlines hidden
 * in a JSON list, `$`, quotes, separators), a fix writes only checked values
 * through the generator's encoders, so no line is injected into a `.env` file
 * and every origin it writes is an origin.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { isOrigin } from "../../lib/config/schema";
import { runDiagnostics, type ProjectFile } from "../../lib/diagnostics";
import { parseEnv, splitList } from "../../lib/diagnostics/project";
import { cleanProject } from "../diagnostics/load-fixture";

const HOSTILE = [
  "\n",
  "\r",
  "\u2028",
  '"',
  "'",
  "$",
  "${X}",
  "\\",
  "#",
  " ",
  "=",
  ",",
  "[",
  "]",
  "`",
  "NODE_OPTIONS=--require=./evil.js",
  "http://a",
  "https://b.example",
  ":",
  "/",
];
const hostile = fc.array(fc.constantFrom(...HOSTILE), { maxLength: 8 }).map((parts) => parts.join(""));

/** A JSON list, as some projects write CORS_ORIGINS, holding one real origin and a hostile one. */
const hostileList = hostile.map((value) => `[${JSON.stringify("http://localhost:5173")},${JSON.stringify(`http://a${value}`)}]`);

function withLine(files: ProjectFile[], path: string, key: string, value: string): ProjectFile[] {
  return files.map((f) => (f.path === path ? { ...f, content: f.content.replace(new RegExp(`^${key}=.*$`, "m"), () => `${key}=${value}`) } : f));
}

const keysOf = (content: string) => new Set(parseEnv(content).map((e) => e.key));

describe("fixes never write an unchecked value", () => {
  it("the CORS and JWT fixes keep every .env line a line, and write only origins", () => {
    fc.assert(
      fc.property(hostileList, hostile, hostile, (authOrigins, backendExtra, authUrl) => {
        let files = withLine(cleanProject(), "auth-server/.env", "CORS_ORIGINS", authOrigins);
        files = withLine(files, "backend/.env", "CORS_ORIGINS", `http://localhost:3000,${backendExtra}`);
        files = withLine(files, "auth-server/.env", "BETTER_AUTH_URL", `http://localhost:3001${authUrl}`);
        const before = new Map(files.map((f) => [f.path, f.content]));
        const report = runDiagnostics(files, undefined, { fix: true });
        for (const path of report.changed.filter((p) => /(?:^|\/)\.env(?:\.|$)/.test(p))) {
          const after = report.files.find((f) => f.path === path)!.content;
          const old = keysOf(before.get(path) ?? "");
          for (const key of keysOf(after)) assert.ok(old.has(key), `${path} gained ${key}:\n${after}`);
          assert.equal(after.split("\n").length, (before.get(path) ?? "").split("\n").length, `${path} gained lines:\n${after}`);
          const cors = parseEnv(after).find((e) => e.key === "CORS_ORIGINS");
          if (cors) for (const origin of splitList(cors.value)) assert.ok(isOrigin(origin), `${path} holds ${JSON.stringify(origin)}`);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("the reported CORS_ORIGINS injection is fixed without the injected line", () => {
    const injected = '["http://localhost:3000","http://a\\nNODE_OPTIONS=--require=./evil.js"]';
    const files = withLine(cleanProject(), "auth-server/.env", "CORS_ORIGINS", injected);
    const report = runDiagnostics(files, undefined, { fix: true });
    for (const file of report.files.filter((f) => f.path.endsWith(".env"))) assert.ok(!/^NODE_OPTIONS/m.test(file.content), file.path);
    const finding = report.results.find((r) => r.id === "cors-origins")!.fixed[0];
    assert.match(finding.message, /not origins, left out of the fix: "http:\/\/a\\nNODE_OPTIONS=--require=\.\/evil\.js"/);
  });
});
