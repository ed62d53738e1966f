"use client";
/**
 * For an "existing" project: what discovery found in the uploaded app (each
 * finding with its file and line), the change as one diff per file (changed
 * files first, then added ones), or, when the app cannot be integrated, why.
 */
import type { FileChange } from "@/lib/integrate";
import type { IntegrationView } from "@/lib/worker/protocol";
import { UnifiedDiff } from "./UnifiedDiff";

const KIND_ORDER: Record<FileChange["kind"], number> = { changed: 0, added: 1 };

function ordered(changes: readonly FileChange[]): FileChange[] {
  return [...changes].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

function Discovery({ findings }: { findings: { kind: string; file: string; line: number; message: string }[] }) {
  return (
    <section aria-labelledby="discovery-heading" className="mt-3" data-testid="integration-discovery">
      <h3 id="discovery-heading" className="font-semibold">
        What the app has
      </h3>
      {findings.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Nothing was found.</p>
      ) : (
        <ul className="mt-1 space-y-1 text-sm">
          {findings.map((finding, index) => (
            <li key={index} data-kind={finding.kind}>
              <code className="mr-1 text-slate-600 dark:text-slate-400">
                {finding.file}:{finding.line}
              </code>
              {finding.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Changes({ changes }: { changes: readonly FileChange[] }) {
  const list = ordered(changes);
  const count = (kind: FileChange["kind"]) => list.filter((c) => c.kind === kind).length;
  return (
    <section aria-labelledby="changes-heading" className="mt-4" data-testid="integration-changes">
      <h3 id="changes-heading" className="font-semibold">
        The change to your app
      </h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {count("changed")} existing {count("changed") === 1 ? "file" : "files"} changed, {count("added")} added. The zip&apos;s sidecar.patch holds the same
        change (<code>git apply sidecar.patch</code> inside your app; <code>git apply -R</code> undoes it).
      </p>
      <div className="mt-2 space-y-2">
        {list.map((change) => (
          <details key={change.path} open={change.kind === "changed"} data-change={change.kind} data-path={change.path}>
            <summary className="cursor-pointer font-mono text-sm">
              <span
                className={`mr-2 rounded px-1.5 font-sans text-xs font-medium ${change.kind === "changed" ? "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100" : "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100"}`}
              >
                {change.kind}
              </span>
              {change.path}
            </summary>
            <UnifiedDiff path={change.path} text={change.diff} />
          </details>
        ))}
      </div>
    </section>
  );
}

export function IntegrationReport({ integration }: { integration: IntegrationView }) {
  if (integration.status === "no-app") {
    return (
      <p
        className="mt-2 rounded-md border border-amber-400 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-50"
        data-testid="integration-no-app"
      >
        Choose your FastAPI app (its folder or a zip) on the Project step: the preview shows the change made to it. A link carries the answers but never the
        app.
      </p>
    );
  }
  if (integration.status === "refused") {
    return (
      <>
        <section
          role="alert"
          aria-labelledby="refused-heading"
          className="mt-2 rounded-md border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          data-testid="integration-refused"
        >
          <h3 id="refused-heading" className="font-semibold">
            This app cannot be integrated
          </h3>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
            {integration.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          <p className="mt-1 text-sm">Nothing was changed and there is nothing to download until this is resolved.</p>
        </section>
        {integration.discovery && <Discovery findings={integration.discovery.findings} />}
      </>
    );
  }
  return (
    <>
      <Discovery findings={integration.discovery.findings} />
      <Changes changes={integration.changes} />
    </>
  );
}
