import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { languageOf, tokenize, type Token } from "../../components/preview/highlight";

const SAMPLES: [path: string, language: string, content: string][] = [
  ["auth-server/src/app.ts", "typescript", 'const port: number = 3000; // comment\nexport function f() { return "x"; }'],
  ["backend/src/main.py", "python", 'def main() -> None:\n    return "ok"  # comment'],
  ["auth-server/package.json", "json", '{ "type": "module", "private": true }'],
  ["backend/render.yaml", "yaml", "services:\n  - type: web\n    name: api"],
  ["backend/pyproject.toml", "toml", '[project]\nname = "x"'],
  ["backend/Dockerfile", "docker", "FROM python:3.11-slim\nRUN pip install -r requirements.txt"],
  ["nginx.conf", "nginx", "server { listen 80; location / { proxy_pass http://api; } }"],
  ["README.md", "markdown", "# Title\n\nSome `code` and **bold**."],
  ["auth-server/.env.example", "bash", "BETTER_AUTH_SECRET=change-me # at least 32 characters"],
  ["backend/alembic.ini", "ini", "[alembic]\nscript_location = alembic"],
];

const typed = (tokens: Token[]): string[] => tokens.flatMap((t) => (typeof t === "string" ? [] : [t.type, ...typed(t.content)]));

describe("preview highlighting", () => {
  for (const [path, language, content] of SAMPLES) {
    it(`reads ${path} as ${language} and finds its tokens`, async () => {
      assert.equal(languageOf(path), language);
      const tokens = await tokenize(path, content);
      assert.ok(tokens, "a grammar is loaded");
      assert.ok(typed(tokens).length > 0, "some text is recognised");
      const text = (ts: Token[]): string => ts.map((t) => (typeof t === "string" ? t : text(t.content))).join("");
      assert.equal(text(tokens), content, "tokens keep every character");
    });
  }

  it("leaves unknown files plain", async () => {
    assert.equal(await tokenize("backend/requirements.txt", "fastapi==0.115"), undefined);
  });
});
