/**
 * The Spec-Kit Plus layout: decision records under history/adr/ and three
 * prompt history records filled from the real configuration, file list and
 * diagnostics; the standard layout, and every old link, keep docs/adr/ and
 * have no history/.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseConfig, type ConfigInput } from "../../lib/config/schema";
import { runDiagnostics } from "../../lib/diagnostics";
import { generateProject } from "../../lib/generate";
import { decodePermalink, encodePermalink } from "../../lib/permalink";
import { buildProject } from "../../lib/pipeline";
import { PROMPT_HISTORY_DIR, promptHistoryFiles } from "../../lib/record/prompt-history";

function configOf(input: ConfigInput) {
  const parsed = parseConfig(input);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
  return parsed.config;
}

const SPEC_KIT: ConfigInput = {
  docs: { layout: "spec-kit-plus" },
  database: { host: "supabase" },
  auth: { oauth: { providers: ["github"] }, magicLink: { enabled: true } },
  session: { validationMethod: "database", expiresIn: 30 * 86_400 },
};

const paths = (files: { path: string }[]) => files.map((f) => f.path);

describe("documentation layout", () => {
  it("standard (the default): ADRs under docs/adr/, no history/", () => {
    const files = paths(buildProject(configOf({})).files);
    assert.equal(files.filter((p) => p.startsWith("docs/adr/")).length, 4);
    assert.deepEqual(
      files.filter((p) => p.startsWith("history/")),
      [],
    );
  });

  it("spec-kit-plus: the same ADRs under history/adr/, and the README points there", () => {
    const standard = buildProject(configOf({ ...SPEC_KIT, docs: { layout: "standard" } })).files;
    const specKit = buildProject(configOf(SPEC_KIT)).files;
    const adrs = (files: typeof standard, dir: string) =>
      files.filter((f) => f.path.startsWith(`${dir}/`)).map((f) => ({ name: f.path.slice(dir.length + 1), content: f.content }));
    assert.deepEqual(adrs(specKit, "history/adr"), adrs(standard, "docs/adr"));
    assert.deepEqual(adrs(specKit, "docs/adr"), []);
    const readme = specKit.find((f) => f.path === "README.md")!.content;
    assert.match(readme, /\[history\/adr\/\]\(history\/adr\/\)/);
    assert.doesNotMatch(readme, /docs\/adr/);
  });

  it("spec-kit-plus: three PHRs, stages spec, plan and green, filled from the config, the files and the diagnostics", () => {
    const config = configOf(SPEC_KIT);
    const { files, report } = buildProject(config);
    const records = files.filter((f) => f.path.startsWith(`${PROMPT_HISTORY_DIR}/`));
    assert.deepEqual(paths(records), [
      `${PROMPT_HISTORY_DIR}/0001-better-auth-configuration.spec.prompt.md`,
      `${PROMPT_HISTORY_DIR}/0002-better-auth-generation.plan.prompt.md`,
      `${PROMPT_HISTORY_DIR}/0003-better-auth-diagnostics.green.prompt.md`,
    ]);
    const [spec, plan, diagnostics] = records.map((f) => f.content);
    assert.match(spec, /^stage: spec$/m);
    for (const chosen of ["Database: Supabase", "GitHub OAuth", "Magic links", "database lookup of the session", "Session lifetime: 30 days"]) {
      assert.ok(spec.includes(chosen), `the spec record lacks "${chosen}"`);
    }
    assert.match(plan, /^stage: plan$/m);
    const generated = paths(generateProject(config));
    assert.ok(plan.includes(`Generated ${generated.length} files`));
    for (const path of generated) assert.ok(plan.includes(`- \`${path}\``), `the plan record does not list ${path}`);
    assert.match(diagnostics, /^stage: green$/m);
    for (const result of report.results)
      assert.ok(diagnostics.includes(`: ${result.status}`) && diagnostics.includes(result.title.split("/")[0]), result.title);
    assert.match(diagnostics, new RegExp(`${report.counts.pass} passed, 0 fixed, 0 with warnings, 0 with errors`));
  });

  it("spec-kit-plus: the diagnostics record is red, with the findings, when a check finds a problem", () => {
    const config = configOf(SPEC_KIT);
    const generated = generateProject(config);
    // A real fault: the auth server's package.json without "type": "module".
    const broken = generated.map((f) => (f.path === "auth-server/package.json" ? { ...f, content: f.content.replace('"type": "module",', "") } : f));
    const report = runDiagnostics(broken, config);
    assert.ok(report.counts.error > 0, "the broken package.json was not noticed");
    const record = promptHistoryFiles(config, broken, report).at(-1)!;
    assert.equal(record.path, `${PROMPT_HISTORY_DIR}/0003-better-auth-diagnostics.red.prompt.md`);
    assert.match(record.content, /^stage: red$/m);
    assert.match(record.content, /ESM Compatibility: error\n {2}- `auth-server\/package\.json:\d+`: /);
    assert.doesNotMatch(record.content, /All diagnostic checks passed/);
  });

  it("travels in permalinks; links without it (every link made before it) mean the standard layout", () => {
    const config = configOf(SPEC_KIT);
    const link = encodePermalink(config);
    assert.match(link, /(^|&)dl=spec-kit-plus(&|$)/);
    assert.equal(decodePermalink(link).config.docs.layout, "spec-kit-plus");
    for (const version of [1, 2]) assert.equal(decodePermalink(`v=${version}&db=supabase`).config.docs.layout, "standard");
    assert.doesNotMatch(encodePermalink(configOf({})), /dl=/);
  });
});
