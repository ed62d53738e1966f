/**
 * What the preview's diagnostics panel shows: the diagnostics engine's report
 * on the files about to be downloaded, one line per check with its findings.
 */
import type { CheckStatus, DiagnosticsReport } from "../diagnostics";

export type DiagnosticsView = {
  checks: { id: string; title: string; status: CheckStatus; findings: string[]; notApplicable?: string }[];
};

/** Nothing to check yet: no app, or one that cannot be integrated. */
export const NO_DIAGNOSTICS: DiagnosticsView = { checks: [] };

export function diagnosticsView(report: DiagnosticsReport): DiagnosticsView {
  return {
    checks: report.results.map(({ id, title, status, findings, notApplicable }) => ({
      id,
      title,
      status,
      notApplicable,
      findings: findings.map((f) => `${f.file}:${f.line}: ${f.message}`),
    })),
  };
}
