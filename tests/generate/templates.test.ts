import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Mustache from "mustache";
import { TEMPLATES } from "../../lib/generate/templates.generated";

type Token = [string, string, number, number, Token[]?];

/**
 * "not A" combined with another condition is a decision (A's absence only
 * matters together with B): the view model must name it. So an inverted
 * section may neither hold a section nor sit inside one.
 */
function nestedInversions(tokens: Token[], outer: string[] = []): string[] {
  const found: string[] = [];
  for (const [type, name, , , children] of tokens) {
    if (type !== "#" && type !== "^") continue;
    const here = `${type}${name}`;
    if (outer.length > 0 && (type === "^" || outer.some((o) => o.startsWith("^")))) found.push([...outer, here].join(" > "));
    found.push(...nestedInversions(children ?? [], [...outer, here]));
  }
  return found;
}

describe("templates", () => {
  it("hold no decision: no inverted section is nested with another section", () => {
    const problems = Object.entries(TEMPLATES).flatMap(([path, template]) =>
      nestedInversions(Mustache.parse(template) as Token[]).map((nesting) => `${path}: ${nesting}`),
    );
    assert.deepEqual(problems, []);
  });

  it("the check notices a nested inversion", () => {
    const tokens = Mustache.parse("{{#a}}x{{/a}}{{^a}}{{#b}}y{{/b}}{{/a}}") as Token[];
    assert.deepEqual(nestedInversions(tokens), ["^a > #b"]);
    assert.deepEqual(nestedInversions(Mustache.parse("{{#a}}{{^b}}z{{/b}}{{/a}}") as Token[]), ["#a > ^b"]);
    assert.deepEqual(nestedInversions(Mustache.parse("{{#a}}{{#b}}z{{/b}}{{/a}}{{^c}}w{{/c}}") as Token[]), []);
  });

  it("spell no option value's name inline where the view model has it", () => {
    const inline = /\{\{#(hono|express)\}\}(?:Hono|Express 5)\{\{\/\1\}\}/;
    assert.deepEqual(
      Object.keys(TEMPLATES).filter((path) => inline.test(TEMPLATES[path])),
      [],
    );
  });
});
