/**
 * The whole product of one configuration: generate the files, run the
 * diagnostics on them, record both in sidecar.json (and, in the Spec-Kit Plus
 * layout, in prompt history records). Each stage is pure and
 * knows nothing of the next; this is the one place that composes them, for
 * the worker, the CLI, the HTTP route and the tests alike.
 */
import type { Config } from "../config/schema";
import { runDiagnostics, type DiagnosticsReport } from "../diagnostics";
import { generateProject, type GeneratedFile } from "../generate";
import { buildRecord, recordFile } from "../record";
import { promptHistoryFiles } from "../record/prompt-history";
import type { RecordSections } from "../record/schema";

export type BuiltProject = { files: GeneratedFile[]; report: DiagnosticsReport };

/** `record`: what sidecar.json records besides the config and the report (the policy it was made under). */
export function buildProject(config: Config, record: RecordSections = {}): BuiltProject {
  const generated = generateProject(config);
  const report = runDiagnostics(generated, config);
  const history = promptHistoryFiles(config, generated, report);
  const files = [...generated, ...history, recordFile(buildRecord(config, report, record))].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, report };
}
