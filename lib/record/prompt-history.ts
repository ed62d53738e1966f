/**
 * Prompt history records (Spec-Kit Plus): three Markdown files under
 * history/prompts/<feature>/, one per stage of making the project. The
 * configuration (stage `spec`), the generated files (stage `plan`) and the
 * diagnostics (stage `green` when every check passed, `red` otherwise), each
 * filled from what really happened, so they can only be written once the
 * diagnostics have run: lib/pipeline calls this after them.
 */
import { DOCS_LAYOUT_SPECS } from "../config/option-specs";
import { resolveConfig } from "../config/resolve";
import type { Config } from "../config/schema";
import type { CheckResult, DiagnosticsReport } from "../diagnostics";
import type { GeneratedFile } from "../generate";
import { markdownText } from "../generate/encode";
import { renderTemplate } from "../generate/render";
import { TEMPLATES } from "../generate/templates.generated";
import { buildViewModel } from "../generate/view-model";
import { RECORD_PATH } from "./index";

/** Spec-Kit Plus routes records by feature; the project's authentication is this one. */
const PROMPT_HISTORY_FEATURE = "better-auth-setup";
export const PROMPT_HISTORY_DIR = `history/prompts/${PROMPT_HISTORY_FEATURE}`;
/** The folder of the records' templates: rendered here, after the diagnostics, never as a template layer. */
export const PROMPT_HISTORY_TEMPLATES = "records/";

type Stage = { template: string; id: number; slug: string; stage: string };

/** Where each service's files start, for the generation record's grouping. */
const GROUPS = [
  { title: "Auth server", prefix: "auth-server/" },
  { title: "Backend", prefix: "backend/" },
];

export function promptHistoryFiles(config: Config, generated: readonly GeneratedFile[], report: DiagnosticsReport): GeneratedFile[] {
  if (!DOCS_LAYOUT_SPECS[config.docs.layout].promptHistory) return [];
  const green = report.counts.error === 0 && report.counts.warning === 0;
  const stages: Stage[] = [
    { template: "spec.prompt.md", id: 1, slug: "better-auth-configuration", stage: "spec" },
    { template: "plan.prompt.md", id: 2, slug: "better-auth-generation", stage: "plan" },
    { template: "diagnostics.prompt.md", id: 3, slug: "better-auth-diagnostics", stage: green ? "green" : "red" },
  ];
  const view = {
    ...buildViewModel(resolveConfig(config)),
    history: historyView(generated, report, green),
  };
  return stages.map(({ template, id, slug, stage }) => {
    const path = `${PROMPT_HISTORY_TEMPLATES}${template}`;
    const content = renderTemplate(path, TEMPLATES[path], { ...view, record: { id, stage, feature: PROMPT_HISTORY_FEATURE } });
    return { path: `${PROMPT_HISTORY_DIR}/${String(id).padStart(4, "0")}-${slug}.${stage}.prompt.md`, content };
  });
}

function historyView(generated: readonly GeneratedFile[], report: DiagnosticsReport, green: boolean) {
  const paths = generated.map((file) => file.path);
  const grouped = new Set<string>();
  const groups = GROUPS.map(({ title, prefix }) => {
    const files = paths.filter((path) => path.startsWith(prefix));
    for (const path of files) grouped.add(path);
    return { title, count: files.length, files };
  });
  const rest = paths.filter((path) => !grouped.has(path));
  return {
    recordPath: RECORD_PATH,
    fileCount: paths.length,
    groups: [...groups, { title: "Project docs, CI and deployment", count: rest.length, files: rest }],
    checks: report.results.map(checkView),
    counts: report.counts,
    green,
    changed: report.changed,
    unchanged: report.changed.length === 0,
  };
}

/** Findings are Sidecar's own messages, which quote file contents: written as inert Markdown. */
function checkView(result: CheckResult) {
  return {
    title: markdownText(result.title),
    status: result.status,
    findings: result.findings.map((f) => ({ place: `${f.file}:${f.line}`, message: markdownText(f.message) })),
  };
}
