/**
 * The auth module's cookie signatures and secrets, run for real: its
 * standard-library functions are taken from the rendered module with Python's
 * own parser and called by python3, so the code tested is the code shipped
 * (FastAPI and the drivers are not needed for these).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { integrateApp } from "../../lib/integrate";
import { TEMPLATES } from "../../lib/generate/templates.generated";
import { fixtureConfig, readFixture } from "./fixtures";

const PURE_DEFINITIONS = ["SIGNATURE_LENGTH", "parse_versioned_secrets", "_session_secrets", "Unsigned", "unsign", "could_be_token"];

/** Runs `script` after the module's pure definitions, in a namespace with only the standard library; its stdout as JSON. */
function runWithModule(module: string, script: string, env: Record<string, string> = {}): unknown {
  const loader = `
import ast, json, sys
source = sys.stdin.read()
tree = ast.parse(source)
wanted = set(${JSON.stringify(PURE_DEFINITIONS)})
def names(node):
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, ast.Assign):
        return {t.id for t in node.targets if isinstance(t, ast.Name)}
    return set()
picked = [node for node in tree.body if names(node) & wanted]
assert {n for node in picked for n in names(node)} == wanted, "missing definitions"
namespace = {}
exec("from __future__ import annotations\\nimport base64, hashlib, hmac, json, os\\nfrom typing import NamedTuple", namespace)
exec(compile(ast.Module(body=picked, type_ignores=[]), "sidecar_auth.py", "exec", flags=0x1000000), namespace)
exec(${JSON.stringify(script)}, namespace)
`;
  const output = execFileSync("python3", ["-c", loader], {
    input: module,
    encoding: "utf8",
    env: { ...process.env, BETTER_AUTH_SECRETS: undefined, BETTER_AUTH_SECRET: undefined, ...env },
  });
  return JSON.parse(output);
}

const databaseModule = () => {
  const result = integrateApp(readFixture("library-psycopg2"), fixtureConfig("library-psycopg2"));
  assert.ok(result.ok);
  return result.changes.find((c) => c.kind === "added")!.after;
};

const CURRENT = "c".repeat(40);
const PREVIOUS = "p".repeat(40);
const signed = (token: string, secret: string) => `${token}.${createHmac("sha256", secret).update(token).digest("base64")}`;

describe("the auth module's secrets", () => {
  const module = databaseModule();

  it("includes the generated backend's own versioned-secret parser and signature check, not copies of them", () => {
    for (const partial of ["backend/partials/versioned-secrets.py", "backend/partials/unsign.py"]) assert.ok(module.includes(TEMPLATES[partial]), partial);
  });

  it("accepts a cookie signed by any secret of BETTER_AUTH_SECRETS, the newest first, beside BETTER_AUTH_SECRET", () => {
    const script = `
secrets = [s.encode() for s in _session_secrets()]
print(json.dumps({
    "secrets": _session_secrets(),
    "previous": list(unsign(${JSON.stringify(signed("tok", PREVIOUS))}, secrets)),
    "current": list(unsign(${JSON.stringify(signed("tok", CURRENT))}, secrets)),
    "other": list(unsign(${JSON.stringify(signed("tok", "o".repeat(40)))}, secrets)),
    "unsigned": unsign("tok", secrets),
}))`;
    const single = "s".repeat(32);
    assert.deepEqual(runWithModule(module, script, { BETTER_AUTH_SECRETS: `2:${CURRENT},1:${PREVIOUS}`, BETTER_AUTH_SECRET: single }), {
      secrets: [CURRENT, PREVIOUS, single],
      previous: ["tok", true],
      current: ["tok", true],
      other: ["tok", false],
      unsigned: null,
    });
  });

  it("refuses to start on a malformed BETTER_AUTH_SECRETS or a short or missing secret, saying which", () => {
    const startup = `
try:
    _session_secrets()
    print(json.dumps("started"))
except SystemExit as stop:
    print(json.dumps(str(stop)))`;
    const cases: [Record<string, string>, RegExp][] = [
      [{ BETTER_AUTH_SECRETS: `1:${PREVIOUS},2:${CURRENT}` }, /^BETTER_AUTH_SECRETS: version 2 comes after 1/],
      [{ BETTER_AUTH_SECRETS: `2:${CURRENT},1:short` }, /^BETTER_AUTH_SECRETS: version 1 is too short/],
      [{ BETTER_AUTH_SECRETS: CURRENT }, /^BETTER_AUTH_SECRETS: entry 1 is not <version>:<secret>/],
      [{ BETTER_AUTH_SECRET: "short" }, /^BETTER_AUTH_SECRET must be at least 32 characters/],
      [{}, /^BETTER_AUTH_SECRET is not set/],
      [{ BETTER_AUTH_SECRETS: `1:${CURRENT}` }, /^started$/],
    ];
    for (const [env, expected] of cases) assert.match(String(runWithModule(module, startup, env)), expected, JSON.stringify(env));
  });

  it("refuses credentials no token can be before any query: NUL and other control characters, spaces, non-ASCII", () => {
    const values = ["abc\u0000def", "abc\ndef", "abc def", "abcé", "abcDEF123"];
    const verdicts = runWithModule(module, `print(json.dumps([could_be_token(v) for v in ${JSON.stringify(values)}]))`);
    assert.deepEqual(verdicts, [false, false, false, false, true]);
  });
});
