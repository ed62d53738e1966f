/**
 * Per-config results: setup steps (which stop the config when they fail) and
 * checks (each one or more HTTP requests or a schema comparison with an
 * expected outcome, which fail alone). Printed as they happen, summarised at
 * the end.
 */
export type Outcome = { name: string; kind: "step" | "request" | "check"; ok: boolean; ms: number; error?: string };

/** Thrown by a failed step: the config cannot go on, later checks are reported as not run. */
export class StepFailed extends Error {}

export class ConfigReport {
  readonly outcomes: Outcome[] = [];
  readonly started = Date.now();
  finished = 0;
  /** HTTP requests this config sent to its services. */
  httpRequests = 0;
  abortedAt?: string;

  constructor(readonly label: string) {}

  /** A setup step: on failure it is recorded and the config stops. */
  async step<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
    const started = Date.now();
    try {
      const value = await fn();
      this.record({ name, kind: "step", ok: true, ms: Date.now() - started });
      return value;
    } catch (error) {
      this.record({ name, kind: "step", ok: false, ms: Date.now() - started, error: describe(error) });
      this.abortedAt = name;
      throw new StepFailed(name);
    }
  }

  /** A request expectation: on failure it is recorded and the config goes on. Returns whether it passed. */
  request(name: string, fn: () => Promise<void>): Promise<boolean> {
    return this.expect("request", name, fn);
  }

  /** A non-HTTP expectation (schema comparison, the project's own test suite). */
  check(name: string, fn: () => Promise<void>): Promise<boolean> {
    return this.expect("check", name, fn);
  }

  private async expect(kind: "request" | "check", name: string, fn: () => Promise<void>): Promise<boolean> {
    const started = Date.now();
    try {
      await fn();
      this.record({ name, kind, ok: true, ms: Date.now() - started });
      return true;
    } catch (error) {
      this.record({ name, kind, ok: false, ms: Date.now() - started, error: describe(error) });
      return false;
    }
  }

  private record(outcome: Outcome): void {
    this.outcomes.push(outcome);
    const mark = outcome.ok ? "✔" : "✘";
    console.log(`  ${mark} ${outcome.kind === "step" ? "[step] " : ""}${outcome.name} (${outcome.ms} ms)`);
    if (outcome.error) console.log(indent(outcome.error, "      "));
  }

  count(kind: Outcome["kind"], ok: boolean): number {
    return this.outcomes.filter((o) => o.kind === kind && o.ok === ok).length;
  }

  get passed(): boolean {
    return this.abortedAt === undefined && this.outcomes.every((o) => o.ok);
  }

  get ms(): number {
    return (this.finished || Date.now()) - this.started;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** The closing table: one row per config, then the totals. */
export function summaryTable(reports: { report: ConfigReport; description: string }[], totalMs: number): string {
  const header = ["config", "setup", "time", "HTTP requests", "request checks ok", "request checks failed", "other checks ok", "other checks failed", "result"];
  const rows = reports.map(({ report: r, description }) => [
    `${r.label} (${description})`,
    r.abortedAt ? `stopped at: ${r.abortedAt}` : "ok",
    formatDuration(r.ms),
    String(r.httpRequests),
    String(r.count("request", true)),
    String(r.count("request", false)),
    String(r.count("check", true)),
    String(r.count("check", false)),
    r.passed ? "PASS" : "FAIL",
  ]);
  const sum = (kind: Outcome["kind"], ok: boolean) => String(reports.reduce((n, { report }) => n + report.count(kind, ok), 0));
  rows.push([
    `total: ${reports.length} configs`,
    "",
    formatDuration(totalMs),
    String(reports.reduce((n, { report }) => n + report.httpRequests, 0)),
    sum("request", true),
    sum("request", false),
    sum("check", true),
    sum("check", false),
    reports.every(({ report }) => report.passed) ? "PASS" : "FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}
