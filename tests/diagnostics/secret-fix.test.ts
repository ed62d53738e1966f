/**
 * The hardcoded-secret fix reads the value the way the project already does:
 * through its own checked env module when it has one, else process.env.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseConfig } from "../../lib/config/schema";
import { runDiagnostics, type ProjectFile } from "../../lib/diagnostics";
import { generateProject } from "../../lib/generate";

const CONFIG_PATH = "auth-server/src/auth/auth.config.ts";
const LITERAL = '"Qm9vdHN0cmFwU2VjcmV0VmFsdWUxMjM0NTY"';

function withLiteralSecret(files: ProjectFile[], withoutEnvModule: boolean): ProjectFile[] {
  return files
    .filter((f) => !(withoutEnvModule && f.path === "auth-server/src/config/env.ts"))
    .map((f) => (f.path === CONFIG_PATH ? { ...f, content: f.content.replace("secret: env.betterAuthSecret", `secret: ${LITERAL}`) } : f));
}

const fixedConfig = (files: ProjectFile[]) =>
  runDiagnostics(files, undefined, { fix: ["hardcoded-secrets"] }).files.find((f) => f.path === CONFIG_PATH)!.content;

describe("hardcoded-secrets fix", () => {
  const parsed = parseConfig({});
  assert.ok(parsed.ok);
  const generated = generateProject(parsed.config);

  it("writes the project's own env.betterAuthSecret, which the file already imports", () => {
    const fixed = fixedConfig(withLiteralSecret(generated, false));
    assert.match(fixed, /^\s*secret: env\.betterAuthSecret,$/m);
    assert.doesNotMatch(fixed, /process\.env\.BETTER_AUTH_SECRET/);
    // The import was there already: not added a second time.
    assert.equal(fixed.match(/import \{ env \} from/g)?.length, 1);
    assert.equal(fixed, generated.find((f) => f.path === CONFIG_PATH)!.content);
  });

  it("adds the import when the file does not have it", () => {
    const files = withLiteralSecret(generated, false).map((f) =>
      f.path === CONFIG_PATH ? { ...f, content: f.content.replace(/^import \{ env \} from "\.\.\/config\/env\.js";\n/m, "") } : f,
    );
    const fixed = fixedConfig(files);
    assert.ok(fixed.startsWith('import { env } from "../config/env.js";\n'), fixed.slice(0, 200));
    assert.match(fixed, /^\s*secret: env\.betterAuthSecret,$/m);
  });

  it("falls back to process.env without an env module", () => {
    const fixed = fixedConfig(withLiteralSecret(generated, true));
    assert.match(fixed, /^\s*secret: process\.env\.BETTER_AUTH_SECRET,$/m);
  });
});
