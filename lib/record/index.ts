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

/** DEL, C1, line separators and bidirectional controls, which JSON.stringify leaves raw (it escapes C0 itself). */
const RAW_CONTROLS = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The record as JSON with those characters escaped: it parses to the same values, and shows no hidden text in an editor or a diff. */
export function recordFile(record: SidecarRecord): GeneratedFile {
  const json = JSON.stringify(record, null, 2).replace(RAW_CONTROLS, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return { path: RECORD_PATH, content: `${json}\n` };
}
