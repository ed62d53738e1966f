/**
 * runDiagnostics: every registered check over a project, optionally applying
 * fixes, summarised one line per check (PASS / Fixed / WARNING / ERROR /
 * not applicable).
 */
import { parseConfig, type Config } from "../config/schema";
import { baseName, parseJson, withChanges } from "./project";
import { CHECKS } from "./registry";
import { countResults, formatSummary } from "./report";
import type { Check, CheckResult, DiagnosticsReport, Finding, ProjectFile } from "./types";

export type DiagnosticsOptions = {
  /** true: apply every available fix; a list: only the fixes of these check ids. */
  fix?: boolean | readonly string[];
  /** Run a subset (default: every registered check). */
  checks?: readonly Check[];
};

function wantsFix(check: Check, fix: DiagnosticsOptions["fix"]): boolean {
  if (!check.fix || !fix) return false;
  return fix === true || fix.includes(check.id);
}

/** Runs a check, guarding the run: a check that throws reports that instead of stopping the others. */
function safeCheck(check: Check, files: readonly ProjectFile[], config?: Config): Finding[] {
  try {
    return check.check(files, config);
  } catch (error) {
    return [{ file: "", line: 1, message: `The check could not run: ${(error as Error).message}` }];
  }
}

/** The project's sidecar.json: the one nearest the root when a zip holds several. */
export function recordFile(files: readonly ProjectFile[]): ProjectFile | undefined {
  return files.filter((f) => baseName(f.path) === "sidecar.json").sort((a, b) => a.path.length - b.path.length)[0];
}

/** The config recorded in a Sidecar project's sidecar.json, so a generated project is judged by what was asked for. */
export function recordedConfig(files: readonly ProjectFile[]): Config | undefined {
  const record = recordFile(files);
  const json = record && (parseJson(record.content) as { config?: unknown } | undefined);
  const parsed = json?.config !== undefined ? parseConfig(json.config) : undefined;
  return parsed?.ok ? parsed.config : undefined;
}

/** A fix that throws changes nothing; the check's findings then stay as they were. */
function safeFix(check: Check, files: readonly ProjectFile[], config?: Config): ProjectFile[] {
  try {
    return check.fix!(files, config).filter((u) => files.find((f) => f.path === u.path)?.content !== u.content);
  } catch {
    return [];
  }
}

/** A check's own applicability test, guarded like the check: one that throws is taken to apply. */
function safeNotApplicable(check: Check, files: readonly ProjectFile[], config?: Config): string | undefined {
  try {
    return check.notApplicable?.(files, config);
  } catch {
    return undefined;
  }
}

function notApplicableResult(check: Check, reason: string): CheckResult {
  const { id, title, severity, explanation, docs } = check;
  return { id, title, severity, explanation, docs, status: "not-applicable", findings: [], fixed: [], fixable: check.fix !== undefined, notApplicable: reason };
}

/** One check over the files, fixing first when asked; returns its result and the files after any fix. */
function runCheck(check: Check, files: ProjectFile[], config: Config | undefined, fix: DiagnosticsOptions["fix"]) {
  const reason = safeNotApplicable(check, files, config);
  if (reason !== undefined) return { result: notApplicableResult(check, reason), files, changed: [] };
  const found = safeCheck(check, files, config);
  const updates = found.length > 0 && wantsFix(check, fix) ? safeFix(check, files, config) : [];
  const after = updates.length > 0 ? withChanges(files, updates) : files;
  const findings = updates.length > 0 ? safeCheck(check, after, config) : found;
  const fixed = found.filter((f) => !findings.some((r) => r.message === f.message && r.file === f.file));
  const result: CheckResult = {
    id: check.id,
    title: check.title,
    severity: check.severity,
    explanation: check.explanation,
    docs: check.docs,
    status: findings.length > 0 ? check.severity : fixed.length > 0 ? "fixed" : "pass",
    findings,
    fixed,
    fixable: check.fix !== undefined,
  };
  return { result, files: after, changed: updates.map((u) => u.path) };
}

export function runDiagnostics(inputFiles: readonly ProjectFile[], givenConfig?: Config, options: DiagnosticsOptions = {}): DiagnosticsReport {
  const config = givenConfig ?? recordedConfig(inputFiles);
  let files: ProjectFile[] = [...inputFiles];
  const changed = new Set<string>();
  const results: CheckResult[] = [];
  for (const check of options.checks ?? CHECKS) {
    const run = runCheck(check, files, config, options.fix);
    results.push(run.result);
    files = run.files;
    for (const path of run.changed) changed.add(path);
  }
  return { results, counts: countResults(results), summary: formatSummary(results), files, changed: [...changed].sort() };
}
