/**
 * Proves the end-to-end set is a pairwise covering set, and that the checker
 * itself notices a gap (so a passing result means something).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "../../lib/config/schema";
import { BUILT_IN_PRESETS } from "../../lib/config/presets";
import { e2eConfigs, pairwiseConfigs, presetConfig, PRESET_UNDER_TEST } from "./configs";
import { missingPairs, missingValues, PAIRWISE_FACTORS, SINGLE_FACTORS } from "./pairwise";

test("every config in the end-to-end set is valid and the set stays small", () => {
  const configs = e2eConfigs();
  assert.ok(configs.length <= 10, `${configs.length} configs: keep the set at 10 or fewer for the time budget`);
  assert.equal(new Set(configs.map((c) => c.projectName)).size, configs.length, "project names are unique");
});

test("every feasible pair of the pairwise factors is covered", () => {
  assert.deepEqual(missingPairs(e2eConfigs()), []);
});

test("every value of every question appears at least once", () => {
  assert.deepEqual(missingValues(e2eConfigs()), []);
});

test("one config is a built-in preset as it is, but for its name and the set's rate limit", () => {
  const preset = BUILT_IN_PRESETS.find((p) => p.id === PRESET_UNDER_TEST);
  assert.ok(preset, PRESET_UNDER_TEST);
  const parsed = parseConfig({ ...preset.config, projectName: `e2e-${PRESET_UNDER_TEST}`, rateLimit: { enabled: true, window: 60, max: 20 } });
  assert.ok(parsed.ok);
  assert.deepEqual(presetConfig(), parsed.config);
  assert.deepEqual(e2eConfigs().at(-1), parsed.config);
});

test("the checker reports a pair that a config removal leaves uncovered", () => {
  const configs = pairwiseConfigs();
  // Each auth-server target meets each API target exactly once, so dropping any config opens a gap.
  for (let i = 0; i < configs.length; i++) {
    const without = configs.filter((_, j) => j !== i);
    const c = configs[i];
    assert.ok(
      missingPairs(without).includes(`authServerTarget=${c.deployment.authServer} × apiServerTarget=${c.deployment.apiServer}`),
      `dropping ${c.projectName} should uncover its deployment pair`,
    );
  }
});

test("the checker does not demand infeasible pairs (verification without email/password)", () => {
  const pairs = missingPairs([]);
  assert.ok(pairs.includes("authMethods=email × verification=required"));
  assert.ok(!pairs.includes("authMethods=magic+github × verification=required"));
});

test("the value checker flags an unused value", () => {
  const onlyFirst = e2eConfigs().slice(0, 1);
  const problems = missingValues(onlyFirst, [...PAIRWISE_FACTORS, ...SINGLE_FACTORS]);
  assert.ok(problems.includes("databaseHost=neon is never used"));
});
