/**
 * What the preview's diagnostics panel shows: the diagnostics engine's report
 * on the files about to be downloaded, one line per check with its findings.
 */
import type { DiagnosticsReport } from "../diagnostics";

export type DiagnosticStatus = "not run" | "pass" | "fixed" | "warning" | "error";

export type DiagnosticsView = {
  ran: boolean;
  checks: { id: string; title: string; status: DiagnosticStatus; findings: string[] }[];
};

export function diagnosticsView(report: DiagnosticsReport): DiagnosticsView {
  return {
    ran: true,
    checks: report.results.map(({ id, title, status, findings }) => ({
      id,
      title,
      status,
      findings: findings.map((f) => `${f.file}:${f.line}: ${f.message}`),
    })),
  };
}
