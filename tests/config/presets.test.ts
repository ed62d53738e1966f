import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validatePolicy } from "../../lib/config/policy";
import { availablePresets, BUILT_IN_PRESETS } from "../../lib/config/presets";
import { parseConfig } from "../../lib/config/schema";
import { buildProject } from "../../lib/pipeline";

function policy(raw: object) {
  const result = validatePolicy({ version: 1, name: "Platform", ...raw });
  assert.ok(result.ok, JSON.stringify(result.ok ? [] : result.problems));
  return result.policy;
}

describe("built-in presets", () => {
  for (const preset of BUILT_IN_PRESETS) {
    it(`${preset.id} is a valid configuration whose project passes every check`, () => {
      const parsed = parseConfig(preset.config);
      assert.ok(parsed.ok, JSON.stringify(parsed.ok ? [] : parsed.problems));
      const { report } = buildProject(parsed.config);
      assert.equal(report.counts.error, 0, report.summary);
      assert.equal(report.counts.warning, 0, report.summary);
    });
  }

  it("are the three common setups: Neon + Vercel + Render, Supabase + Railway, local Docker Compose", () => {
    assert.deepEqual(
      BUILT_IN_PRESETS.map((p) => p.id),
      ["neon-vercel-render", "supabase-railway", "local-docker"],
    );
  });
});

describe("presets under a policy", () => {
  const own = { id: "internal-api", title: "Internal API", config: { database: { host: "local" } } };

  it("lists the policy's own first, then the built-in ones it allows", () => {
    const presets = availablePresets(policy({ allow: { "database.host": ["neon", "local"] }, presets: [own] }));
    assert.deepEqual(
      presets.map((p) => p.id),
      ["internal-api", "neon-vercel-render", "local-docker"],
    );
  });

  it("offers only the policy's own when it replaces the built-in ones", () => {
    const presets = availablePresets(policy({ presets: [own], builtInPresets: "replace" }));
    assert.deepEqual(
      presets.map((p) => p.id),
      ["internal-api"],
    );
  });

  it("lets a policy's preset take the id of a built-in one", () => {
    const presets = availablePresets(policy({ presets: [{ ...own, id: "local-docker" }] }));
    assert.deepEqual(
      presets.map((p) => p.id),
      ["local-docker", "neon-vercel-render", "supabase-railway"],
    );
    assert.equal(presets[0].title, "Internal API");
  });
});
