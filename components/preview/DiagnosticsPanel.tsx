"use client";
/** The diagnostics of the previewed project, one line per check with its findings. */
import { CheckBadge } from "../CheckBadge";
import type { DiagnosticsView } from "@/lib/worker/diagnostics";

export function DiagnosticsPanel({ diagnostics }: { diagnostics: DiagnosticsView | null }) {
  return (
    <section aria-labelledby="diagnostics-heading" className="mt-4">
      <h3 id="diagnostics-heading" className="font-semibold">
        Diagnostics
      </h3>
      <ul className="mt-2 space-y-1 text-sm" data-testid="diagnostics">
        {diagnostics?.checks.map((check) => (
          <li key={check.id} data-check={check.id} data-status={check.status}>
            <CheckBadge status={check.status} className="mr-2" />
            {check.title}
            {check.notApplicable && <span className="text-slate-600 dark:text-slate-400">: {check.notApplicable}</span>}
            {check.findings.length > 0 && (
              <ul className="ml-6 list-disc">
                {check.findings.map((finding) => (
                  <li key={finding}>{finding}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
