import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { contentSecurityPolicy, inlineScriptHashes, SECURITY_HEADERS, STATIC_HOST_CONTENT_SECURITY_POLICY } from "../../lib/security/headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("contentSecurityPolicy", () => {
  it("allows no inline script but the hashed ones, and forbids framing in the header form only", () => {
    const header = directives(contentSecurityPolicy({ scriptHashes: ["'sha256-abc='"], delivery: "header" }));
    assert.deepEqual(header.get("script-src"), ["'self'", "'sha256-abc='"]);
    assert.deepEqual(header.get("frame-ancestors"), ["'none'"]);
    assert.deepEqual(header.get("worker-src"), ["'self'"]);
    assert.ok(![...header.values()].flat().some((source) => /unsafe/.test(source)));
    assert.equal(directives(contentSecurityPolicy({ delivery: "meta" })).has("frame-ancestors"), false);
  });

  it("widens only img-src for an extra image origin", () => {
    const plain = directives(contentSecurityPolicy({ delivery: "header" }));
    const branded = directives(contentSecurityPolicy({ imageOrigins: ["https://cdn.example.com"], delivery: "header" }));
    for (const [name, sources] of branded) {
      assert.deepEqual(sources, name === "img-src" ? [...plain.get(name)!, "https://cdn.example.com"] : plain.get(name), name);
    }
  });
});

describe("inlineScriptHashes", () => {
  it("hashes inline scripts only, each once", () => {
    const html = '<script src="/a.js" async=""></script><script>x()</script><script id="r">x()</script><script>y()</script>';
    const sha = (body: string) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`;
    assert.deepEqual(inlineScriptHashes(html), [sha("x()"), sha("y()")]);
  });
});

describe("the README's static host headers", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const snippets = ["nginx", "text", "apache"].map((lang) => readme.match(new RegExp("```" + lang + "\\n([\\s\\S]*?)```"))![1]);

  it("list every security header with the app's value, in nginx, Netlify and Apache form", () => {
    const expected = { ...SECURITY_HEADERS, "Content-Security-Policy": STATIC_HOST_CONTENT_SECURITY_POLICY };
    for (const snippet of snippets) {
      for (const [name, value] of Object.entries(expected)) {
        assert.ok(snippet.includes(`${name} "${value}"`) || snippet.includes(`${name}: ${value}`), `${name} in\n${snippet}`);
      }
    }
  });
});
