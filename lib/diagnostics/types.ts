/**
 * The shapes every diagnostic check shares. A check is a plain module, like an
 * ESLint rule: it reads the project's files (and the Sidecar config when the
 * project came from Sidecar), reports findings, and may offer a fix that
 * returns the files it changed. Nothing here touches Node APIs: the same checks
 * run in the wizard's Web Worker, on /doctor and in the CLI.
 */
import type { Config } from "../config/schema";

export type ProjectFile = { path: string; content: string };

/** One problem at one place; `line` is 1-based (1 when the whole file is meant). */
export type Finding = { file: string; line: number; message: string };

/** "error": the project does not work as written. "warning": it works but needs a person's decision. */
type Severity = "error" | "warning";

export type Check = {
  id: string;
  title: string;
  severity: Severity;
  /** One or two sentences: what goes wrong and why. */
  explanation: string;
  /** Where the generated project's TROUBLESHOOTING.md covers it. */
  docs: string;
  check(files: readonly ProjectFile[], config?: Config): Finding[];
  /**
   * Why the check has nothing to look at in this project (e.g. no Vercel
   * deployment), so its report says "not applicable" rather than a pass it
   * never earned; absent or undefined when it applies.
   */
  notApplicable?(files: readonly ProjectFile[], config?: Config): string | undefined;
  /** Returns only the files it changed (new content); absent when a person must decide. */
  fix?(files: readonly ProjectFile[], config?: Config): ProjectFile[];
};

export type CheckStatus = "pass" | "fixed" | "warning" | "error" | "not-applicable";

export type CheckResult = {
  id: string;
  title: string;
  severity: Severity;
  explanation: string;
  docs: string;
  status: CheckStatus;
  /** What is still wrong. */
  findings: Finding[];
  /** What a fix resolved during this run. */
  fixed: Finding[];
  fixable: boolean;
  /** Set when the status is "not-applicable": why the check does not apply. */
  notApplicable?: string;
};

export type DiagnosticsCounts = { pass: number; fixed: number; warning: number; error: number; notApplicable: number };

export type DiagnosticsReport = {
  results: CheckResult[];
  counts: DiagnosticsCounts;
  /** The summary: one line per check plus totals. */
  summary: string;
  /** The project after the fixes that were asked for (the input when none). */
  files: ProjectFile[];
  /** Paths whose content the fixes changed or created. */
  changed: string[];
};
