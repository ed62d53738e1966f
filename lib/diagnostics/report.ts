/** The diagnostic summary: one line per check, then the totals. */
import { visibleLine } from "../doctor/visible";
import type { CheckResult, DiagnosticsCounts } from "./types";

const MARK: Record<CheckResult["status"], string> = { pass: "✅", fixed: "🔧", warning: "⚠️ ", error: "❌", "not-applicable": "➖" };

function resultLine(result: CheckResult): string {
  const first = result.findings[0] ?? result.fixed[0];
  const more = result.findings.length + (result.status === "fixed" ? result.fixed.length : 0) - 1;
  // A message may quote a project's value, line breaks included: the check's line stays one line.
  const detail = first ? ` (${visibleLine(first.message)}${more > 0 ? `; ${more} more` : ""})` : "";
  switch (result.status) {
    case "pass":
      return `${MARK.pass} ${result.title}: PASS`;
    case "fixed":
      return `${MARK.fixed} ${result.title}: Fixed${detail}`;
    case "warning":
      return `${MARK.warning} ${result.title}: WARNING${detail}`;
    case "error":
      return `${MARK.error} ${result.title}: ERROR${detail}`;
    case "not-applicable":
      return `${MARK["not-applicable"]} ${result.title}: not applicable (${result.notApplicable})`;
  }
}

export function countResults(results: readonly CheckResult[]): DiagnosticsCounts {
  const counts: DiagnosticsCounts = { pass: 0, fixed: 0, warning: 0, error: 0, notApplicable: 0 };
  for (const result of results) counts[result.status === "not-applicable" ? "notApplicable" : result.status]++;
  return counts;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function formatSummary(results: readonly CheckResult[]): string {
  const counts = countResults(results);
  const lines = ["Running diagnostic checks...", "", ...results.map(resultLine), ""];
  const applicable = results.length - counts.notApplicable;
  const notApplicable = counts.notApplicable ? ` (${plural(counts.notApplicable, "other does", "others do")} not apply)` : "";
  lines.push(`${counts.pass + counts.fixed} of ${plural(applicable, "applicable check")} pass${notApplicable}`);
  if (counts.fixed) lines.push(`🔧 ${plural(counts.fixed, "auto-fix", "auto-fixes")} applied successfully`);
  if (counts.warning) lines.push(`⚠️  ${plural(counts.warning, "warning")} ${counts.warning === 1 ? "requires" : "require"} manual attention`);
  if (counts.error) lines.push(`❌ ${plural(counts.error, "error")} remaining`);
  else lines.push("All critical checks passed! ✓");
  return `${lines.join("\n")}\n`;
}
