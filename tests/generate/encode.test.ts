import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import { envValue, jsonString, markdownText, nginxToken, pyString, tomlString, tsString, yamlString } from "../../lib/generate/encode";

const HOSTILE = [
  "plain",
  'double " quote',
  "single ' quote",
  "back\\slash \\n not a newline",
  "new\nline\r\nand\ttab",
  "${process.exit(1)} `backtick` {{mustache}}",
  "</script><script>alert(1)</script>",
  '""" triple """',
  "*/ close comment /* # hash",
  "emoji 🚀 rtl \u202e line sep \u2028 para \u2029 nul \u0000 del \u007f c1 \u0085",
];

describe("encoders", () => {
  it("TypeScript and JSON literals evaluate back to the input", () => {
    for (const value of HOSTILE) {
      assert.equal(JSON.parse(jsonString(value)), value);
      // A TS string literal is a JS string literal: evaluate it in isolation.
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- evaluating the literal is the test
      assert.equal(new Function(`return ${tsString(value)};`)(), value);
      assert.ok(!tsString(value).includes("</script"), "no raw closing script tag");
    }
  });

  it("Python literals evaluate back to the input", () => {
    const script = "import ast, json, sys\nfor line in sys.stdin: print(json.dumps(ast.literal_eval(line)))";
    const input = HOSTILE.map(pyString).join("\n") + "\n";
    const output = execFileSync("python3", ["-c", script], { input, encoding: "utf8" });
    assert.deepEqual(
      output
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
      HOSTILE,
    );
  });

  it("YAML and TOML scalars parse back to the input", () => {
    for (const value of HOSTILE) {
      assert.equal(parseYaml(`key: ${yamlString(value)}\n`).key, value);
      assert.equal(parseToml(`key = ${tomlString(value)}\n`).key, value);
    }
  });

  it("Markdown text stays on one line with no live HTML or link syntax", () => {
    for (const value of HOSTILE) {
      const text = markdownText(value);
      assert.ok(!/[\n\r]/.test(text));
      assert.ok(!text.includes("<"));
      assert.ok(!/(?:^|[^\\])[[\]()`*]/.test(text), `unescaped markdown in ${text}`);
    }
  });

  it("env and nginx encoders refuse what those files would interpret", () => {
    assert.equal(envValue("http://localhost:3000,https://a.example.com"), "http://localhost:3000,https://a.example.com");
    assert.equal(nginxToken("auth.example.com"), "auth.example.com");
    for (const value of ["a b", "x\ny", "${HOME}", "'q'", '"q"', "a#b"]) {
      assert.throws(() => envValue(value), /Refusing/);
    }
    for (const value of ["a;b", "x y", "$host", "{", "}"]) assert.throws(() => nginxToken(value), /Refusing/);
  });
});

describe("free text reaches generated files without control characters", () => {
  it("strips NUL, ESC, DEL, C1 and bidi controls from the description in every file", async () => {
    const { parseConfig } = await import("../../lib/config/schema");
    const { buildProject } = await import("../../lib/pipeline");
    const parsed = parseConfig({ description: "Shop\u0000 API\u001b[31m red\u007f\u0085 \u202eevil\u2066 done\tok" });
    assert.ok(parsed.ok);
    const { files } = buildProject(parsed.config);
    const readme = files.find((f) => f.path.endsWith("README.md") && !f.path.includes("/"))!;
    assert.match(readme.content, /Shop API\\\[31m red evil done/);
    const record = files.find((f) => f.path === "sidecar.json")!;
    assert.equal(JSON.parse(record.content).config.description, parsed.config.description);
    for (const file of files) {
      // C0 but tab, newline and carriage return; DEL, C1; bidirectional embeddings, overrides and isolates.
      const control = file.content.split("").some((ch) => {
        const code = ch.charCodeAt(0);
        return (
          code <= 0x08 ||
          code === 0x0b ||
          code === 0x0c ||
          (code >= 0x0e && code <= 0x1f) ||
          (code >= 0x7f && code <= 0x9f) ||
          (code >= 0x202a && code <= 0x202e) ||
          (code >= 0x2066 && code <= 0x2069)
        );
      });
      assert.ok(!control, file.path);
    }
  });
});
