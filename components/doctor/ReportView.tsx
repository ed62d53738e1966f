"use client";
/** Every check's result with its findings; fixable checks get a checkbox to choose their fix. */
import type { CheckResult, DiagnosticsReport } from "@/lib/diagnostics";

const BADGE: Record<CheckResult["status"], string> = {
  pass: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  fixed: "bg-blue-100 text-blue-900 dark:bg-blue-900 dark:text-blue-100",
  warning: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  error: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
};

type Props = { report: DiagnosticsReport; selected: string[]; onSelect: (ids: string[]) => void };

export function ReportView({ report, selected, onSelect }: Props) {
  const { counts } = report;
  const toggle = (id: string, on: boolean) => onSelect(on ? [...selected, id] : selected.filter((s) => s !== id));
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading" className="font-semibold">
        Checks
      </h2>
      <p className="text-sm" data-testid="doctor-counts">
        {counts.pass} passed, {counts.fixed > 0 ? `${counts.fixed} fixed, ` : ""}
        {counts.error} with errors, {counts.warning} with warnings
      </p>
      <ul className="mt-2 space-y-3" data-testid="doctor-report">
        {report.results.map((result) => (
          <li key={result.id} data-check={result.id} data-status={result.status} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
            <div className="flex flex-wrap items-center gap-2">
              <span className={`rounded px-1.5 text-xs font-medium ${BADGE[result.status]}`}>{result.status}</span>
              <span className="font-medium">{result.title}</span>
              {result.fixable && result.findings.length > 0 && (
                <label className="ml-auto text-sm">
                  <input type="checkbox" className="mr-1" checked={selected.includes(result.id)} onChange={(e) => toggle(result.id, e.target.checked)} />
                  Fix automatically
                </label>
              )}
              {!result.fixable && result.findings.length > 0 && <span className="ml-auto text-sm text-slate-600 dark:text-slate-400">Needs your decision</span>}
            </div>
            {result.findings.length > 0 && (
              <>
                <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{result.explanation}</p>
                <ul className="mt-1 ml-5 list-disc text-sm">
                  {result.findings.map((f, i) => (
                    <li key={i}>
                      <code>
                        {f.file}:{f.line}
                      </code>{" "}
                      {f.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
