"use client";
/** Every check's result with its findings; fixable checks get a checkbox to choose their fix. */
import type { DiagnosticsReport } from "@/lib/diagnostics";
import { CheckBadge } from "../CheckBadge";

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
        {counts.notApplicable > 0 ? `, ${counts.notApplicable} not applicable` : ""}
      </p>
      <ul className="mt-2 space-y-3" data-testid="doctor-report">
        {report.results.map((result) => (
          <li key={result.id} data-check={result.id} data-status={result.status} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
            <div className="flex flex-wrap items-center gap-2">
              <CheckBadge status={result.status} />
              <span className="font-medium">{result.title}</span>
              {result.notApplicable && <span className="text-sm text-slate-600 dark:text-slate-400">{result.notApplicable}</span>}
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
