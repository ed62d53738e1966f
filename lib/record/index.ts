/** Writing sidecar.json (its schema: ./schema.ts). */
import type { Config } from "../config/schema";
import type { DiagnosticsReport } from "../diagnostics";
import type { GeneratedFile } from "../generate";
import { GENERATOR_VERSION } from "../generate/version";
import { encodePermalink } from "../permalink";
import { SIDECAR_RECORD_VERSION, type RecordSections, type SidecarRecord } from "./schema";

export const RECORD_PATH = "sidecar.json";

export function buildRecord(config: Config, report: DiagnosticsReport, sections: RecordSections = {}): SidecarRecord {
  return {
    recordVersion: SIDECAR_RECORD_VERSION,
    generator: "sidecar",
    version: GENERATOR_VERSION,
    config,
    permalink: encodePermalink(config),
    diagnostics: {
      summary: report.summary.trimEnd().split("\n"),
      counts: report.counts,
      checks: report.results.map(({ id, title, status, findings }) => ({ id, title, status, findings })),
    },
    ...sections,
  };
}

export function recordFile(record: SidecarRecord): GeneratedFile {
  return { path: RECORD_PATH, content: `${JSON.stringify(record, null, 2)}\n` };
}
