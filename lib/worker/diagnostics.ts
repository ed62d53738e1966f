/**
 * What the preview's diagnostics panel shows. The engine (lib/diagnostics) is
 * not run on the preview yet, so every registered check is listed as
 * "not run": the panel never shows a pass that did not happen. Wiring the
 * engine in means replacing the body of `diagnose`.
 */
import type { Config } from "../config/schema";
import { CHECKS } from "../diagnostics/registry";
import type { GeneratedFile } from "../generate";

export type DiagnosticStatus = "not run" | "pass" | "fixed" | "warning" | "error";

export type DiagnosticsView = {
  ran: boolean;
  checks: { id: string; title: string; status: DiagnosticStatus; findings: string[] }[];
};

export function diagnose(_files: readonly GeneratedFile[], _config: Config): DiagnosticsView {
  return { ran: false, checks: CHECKS.map(({ id, title }) => ({ id, title, status: "not run", findings: [] })) };
}
