import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { getIn, setIn } from "../../lib/config/paths";
import { configSchema, DEFAULT_CONFIG } from "../../lib/config/schema";
import { CONFIG_PATHS, FIELD_STEPS, FIELDS, formatValue, stepOfPath } from "../../lib/questions/fields";

/** The dotted paths of the schema's leaves, read from the zod schema itself (not from a parsed value). */
function schemaLeaves(schema: z.ZodType, prefix = ""): string[] {
  let node = schema;
  while (node instanceof z.ZodDefault || node instanceof z.ZodPrefault || node instanceof z.ZodOptional) {
    node = node.unwrap() as z.ZodType;
  }
  if (!(node instanceof z.ZodObject)) return [prefix];
  return Object.entries(node.shape).flatMap(([key, child]) => schemaLeaves(child as z.ZodType, prefix ? `${prefix}.${key}` : key));
}

describe("field registry", () => {
  it("has exactly one entry for every leaf of the schema", () => {
    const leaves = schemaLeaves(configSchema);
    assert.ok(leaves.length > 20, `${leaves.length} leaves read from the schema`);
    assert.deepEqual([...CONFIG_PATHS].sort(), [...leaves].sort());
    assert.equal(new Set(CONFIG_PATHS).size, CONFIG_PATHS.length);
  });

  it("gives every edited setting a step, and permalink keys that are unique", () => {
    for (const path of CONFIG_PATHS.filter((p) => p !== "version")) assert.ok(FIELDS[path].step, path);
    const keys = CONFIG_PATHS.flatMap((p) => FIELDS[p].permalink?.key ?? []);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(!keys.includes("v"), "v is the version");
  });

  it("gives hints as whole sentences, only to settings the wizard shows", () => {
    const hinted = CONFIG_PATHS.filter((p) => FIELDS[p].hint !== undefined);
    assert.ok(hinted.includes("projectName") && hinted.includes("email.transport"), hinted.join(", "));
    for (const path of hinted) {
      assert.ok(FIELDS[path].step, `${path} has a hint but no step shows it`);
      assert.match(FIELDS[path].hint!, /^[A-Z].*\.$/, path);
    }
  });

  it("marks as durations exactly the settings counted in seconds", () => {
    const durations = CONFIG_PATHS.filter((p) => FIELDS[p].duration);
    assert.deepEqual(durations, ["session.expiresIn", "session.updateAge", "session.cookieCache.maxAge", "rateLimit.window"]);
    assert.equal(formatValue("rateLimit.window", 120), "2 minutes");
    assert.equal(formatValue("rateLimit.max", 120), "120");
    assert.equal(formatValue("auth.oauth.providers", ["github", "google"]), "GitHub OAuth, Google OAuth");
    assert.equal(formatValue("auth.oauth.providers", []), "no OAuth providers");
  });

  it("finds the step of a setting, of a list item and of a rule about a group", () => {
    assert.equal(stepOfPath("cors.origins.1"), "origins");
    assert.equal(stepOfPath("auth"), "auth");
    assert.equal(stepOfPath("email"), "verification");
    assert.equal(stepOfPath("ports"), "advanced");
    assert.equal(stepOfPath("nonsense"), undefined);
    assert.ok(
      FIELD_STEPS.every((step) => CONFIG_PATHS.some((p) => FIELDS[p].step === step)),
      "every step edits something",
    );
  });

  it("reads and writes a setting by its typed path", () => {
    const config = structuredClone(DEFAULT_CONFIG);
    setIn(config, "session.cookieCache.maxAge", 60);
    assert.equal(getIn(config, "session.cookieCache.maxAge"), 60);
    assert.equal(DEFAULT_CONFIG.session.cookieCache.maxAge, 300);
    const input: Record<string, unknown> = {};
    setIn(input, "stack.orm", "prisma");
    assert.deepEqual(input, { stack: { orm: "prisma" } });
  });
});
