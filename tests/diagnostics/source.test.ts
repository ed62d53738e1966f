/** The small lexers the checks stand on: offsets must survive comments, strings and escapes. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodePyString, maskJsComments, matchingBracket, pyStructure, pythonStrings } from "../../lib/diagnostics/source";

describe("maskJsComments", () => {
  it("blanks comments but keeps strings, newlines and offsets", () => {
    const code = 'const a = "// not a comment"; // a comment\n/* block\n */ app.all("/x")';
    const masked = maskJsComments(code);
    assert.equal(masked.length, code.length);
    assert.ok(masked.includes('"// not a comment"'));
    assert.ok(!masked.includes("a comment\n"));
    assert.equal(masked.indexOf("app.all"), code.indexOf("app.all"));
  });
});

describe("matchingBracket", () => {
  it("skips brackets inside strings, template literals and comments", () => {
    const code = 'f("(", `)`, /* ) */ g(1)) + 1';
    assert.equal(matchingBracket(code, 1), code.indexOf(") + 1"));
  });

  it("skips regular-expression literals, brackets and quotes inside them included", () => {
    const code = 'betterAuth({ a: s.replace(/[{"]/g, ""), b: x / 2 / y, c: /\\/\\/*(/.test(z) })';
    assert.equal(matchingBracket(code, code.indexOf("{")), code.lastIndexOf("}"));
    assert.equal(matchingBracket(code, code.indexOf("(")), code.length - 1);
    const typed = "const r = typeof /}/; return /[/]/.source; f(a)";
    assert.equal(matchingBracket(typed, typed.lastIndexOf("(")), typed.length - 1);
  });

  it("lexes template literals with nested expressions, strings and templates as code", () => {
    const code = "f(`a ${g({ k: `}${'('}` })} b`, `)`, 1)";
    assert.equal(matchingBracket(code, 1), code.length - 1);
    assert.equal(matchingBracket(code, code.indexOf("{ k")), code.indexOf(" })") + 1);
    const masked = maskJsComments("x = `// not ${y /* c */} a comment`; // c\n");
    assert.equal(masked, "x = `// not ${y        } a comment`;     \n");
  });

  it("treats // as floor division, not a comment, in Python structure", () => {
    const code = 'op.create_table("t", sa.Column("n", sa.Integer(), server_default=sa.text(str(7 // 2))))\nx = 1';
    const structure = pyStructure(code);
    assert.equal(matchingBracket(structure, code.indexOf("("), false), code.indexOf("\nx") - 1);
  });
});

describe("Python strings", () => {
  it("finds single, triple-quoted and prefixed literals, skipping comments", () => {
    const code = '# "not this"\na = f"x{y}"\nb = """multi\nline"""\nc = \'q\'';
    assert.deepEqual(
      pythonStrings(code).map((s) => s.value),
      ["x{y}", "multi\nline", "q"],
    );
  });

  it("decodes escapes and maps decoded offsets back to the file", () => {
    const code = 'S = "create table \\"user\\" (\\"id\\" text)"';
    const [literal] = pythonStrings(code);
    const { text, map } = decodePyString(code, literal);
    assert.equal(text, 'create table "user" ("id" text)');
    const name = text.indexOf("user");
    assert.equal(code.slice(map.start(name), map.end(name + 4)), "user");
    const quoted = text.indexOf('"id"');
    assert.equal(code.slice(map.start(quoted), map.end(quoted + 4)), '\\"id\\"');
  });
});
