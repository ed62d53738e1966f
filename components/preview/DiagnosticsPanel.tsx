"use client";
/** The diagnostics of the previewed project, one line per check with its findings. */
import type { CheckStatus } from "@/lib/diagnostics";
import type { DiagnosticsView } from "@/lib/worker/diagnostics";

const STATUS_STYLE: Record<CheckStatus, string> = {
  pass: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  fixed: "bg-blue-100 text-blue-900 dark:bg-blue-900 dark:text-blue-100",
  warning: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  error: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
};

export function DiagnosticsPanel({ diagnostics }: { diagnostics: DiagnosticsView | null }) {
  return (
    <section aria-labelledby="diagnostics-heading" className="mt-4">
      <h3 id="diagnostics-heading" className="font-semibold">
        Diagnostics
      </h3>
      <ul className="mt-2 space-y-1 text-sm" data-testid="diagnostics">
        {diagnostics?.checks.map((check) => (
          <li key={check.id}>
            <span className={`mr-2 inline-block rounded px-1.5 text-xs font-medium ${STATUS_STYLE[check.status]}`}>{check.status}</span>
            {check.title}
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
