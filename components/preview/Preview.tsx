"use client";
/** What the zip will contain, rendered live: file tree, the selected file, diagnostics. */
import { lazy, Suspense, useState } from "react";
import type { GeneratedFile } from "@/lib/generate";
import type { DiagnosticsView } from "@/lib/worker/diagnostics";
import { firstFile } from "@/lib/worker/first-file";
import type { IntegrationView } from "@/lib/worker/protocol";
import { DiagnosticsPanel } from "./DiagnosticsPanel";
import { FileTree } from "./FileTree";
import { FileView } from "./FileView";
import type { PreparedTokens } from "./highlight";

// Only an existing app's preview has one: loaded then, not with the page.
const IntegrationReport = lazy(() => import("./IntegrationReport").then(({ IntegrationReport }) => ({ default: IntegrationReport })));

type Props = {
  paths: string[];
  /** The files whose content is known (the others arrive with the worker's first render). */
  files: GeneratedFile[];
  previous: Map<string, string | undefined>;
  removed: string[];
  diagnostics: DiagnosticsView | null;
  /** Set for an "existing" project. */
  integration: IntegrationView | null;
  /** The form has problems: the preview shows the last valid configuration. */
  outdated: boolean;
  failure: string | null;
  prepared?: PreparedTokens;
};

/** What the file count says while there are no files to count. */
function countText(paths: string[], integration: IntegrationView | null): string {
  if (paths.length > 0) return `${paths.length} files`;
  if (integration?.status === "no-app") return "Waiting for your app";
  if (integration?.status === "refused") return "Nothing to download";
  return "Rendering…";
}

export function Preview({ paths, files, previous, removed, diagnostics, integration, outdated, failure, prepared }: Props) {
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = chosen && paths.includes(chosen) ? chosen : firstFile(paths);
  const file = files.find((f) => f.path === selected);
  const changed = new Set(previous.keys());

  return (
    <section aria-labelledby="preview-heading" className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-testid="preview">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="preview-heading" className="text-lg font-semibold">
          Preview
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="file-count">
          {countText(paths, integration)}
          {changed.size > 0 && `, ${changed.size} changed by the last edit`}
        </p>
      </div>
      {outdated && (
        <p className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          The form has problems; the preview shows the last valid configuration.
        </p>
      )}
      {failure && (
        <p role="alert" className="mt-2 rounded-md bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
          The project could not be generated: {failure}
        </p>
      )}
      {integration && (
        <Suspense fallback={<p className="mt-2 text-sm">Loading the integration report…</p>}>
          <IntegrationReport integration={integration} />
        </Suspense>
      )}
      {removed.length > 0 && <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Removed by the last edit: {removed.join(", ")}</p>}
      <div className="mt-3 grid gap-3 xl:grid-cols-[minmax(12rem,16rem)_1fr]">
        <nav aria-label="Project files" className="max-h-[40vh] overflow-auto xl:max-h-[75vh]">
          <FileTree paths={paths} selected={selected} changed={changed} onSelect={setChosen} />
        </nav>
        <div className="min-w-0">
          {selected && !file && <p className="p-2 text-sm text-slate-600 dark:text-slate-400">Rendering {selected}…</p>}
          {file && (
            <FileView
              key={file.path}
              prepared={prepared}
              path={file.path}
              content={file.content}
              previous={previous.get(file.path)}
              isNew={previous.has(file.path) && previous.get(file.path) === undefined}
            />
          )}
        </div>
      </div>
      <DiagnosticsPanel diagnostics={diagnostics} />
    </section>
  );
}
