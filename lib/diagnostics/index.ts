/**
 * Sidecar's diagnostics: pure, browser-safe checks over a project's files.
 *
 *   const report = runDiagnostics(files, config);            // findings only
 *   const patched = runDiagnostics(files, config, { fix: true }); // patched.files, patched.changed
 */
export { runDiagnostics, recordedConfig, recordFile } from "./engine";
export { CHECKS } from "./registry";
export type { Check, CheckResult, CheckStatus, DiagnosticsReport, Finding, ProjectFile } from "./types";
