/** A diagnostic check's status as the preview and the doctor show it: one colour and one word per status. */
import type { CheckStatus } from "@/lib/diagnostics";

const STYLE: Record<CheckStatus, string> = {
  pass: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  fixed: "bg-blue-100 text-blue-900 dark:bg-blue-900 dark:text-blue-100",
  warning: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  error: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  "not-applicable": "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};

const WORDS: Record<CheckStatus, string> = { pass: "pass", fixed: "fixed", warning: "warning", error: "error", "not-applicable": "not applicable" };

export function CheckBadge({ status, className = "" }: { status: CheckStatus; className?: string }) {
  return <span className={`inline-block rounded px-1.5 text-xs font-medium ${STYLE[status]} ${className}`}>{WORDS[status]}</span>;
}
