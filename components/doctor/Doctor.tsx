"use client";
/**
 * /doctor: an existing project in (zip or folder), checked in the browser,
 * fixes chosen and reviewed as diffs, the patched project out. Nothing is
 * uploaded anywhere: every step runs in this page.
 */
import { useState } from "react";
import { runDiagnostics, type DiagnosticsReport } from "@/lib/diagnostics";
import { discover, type Discovery } from "@/lib/doctor/discover";
import { refusedWrites, type LoadedProject } from "@/lib/doctor/read";
import { patchedZip } from "@/lib/doctor/zip";
import { DiscoveryView } from "./DiscoveryView";
import { FileDiffs } from "./FileDiffs";
import { ReportView } from "./ReportView";
import { loadFolder, loadZip } from "./upload";

type Loaded = { name: string; project: LoadedProject; discovery: Discovery; report: DiagnosticsReport };
type State = { kind: "idle" } | { kind: "reading" } | { kind: "refused"; message: string } | ({ kind: "loaded" } & Loaded);

const button = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 dark:border-slate-700 dark:hover:bg-slate-800";

function fixableIds(report: DiagnosticsReport): string[] {
  return report.results.filter((r) => r.fixable && r.findings.length > 0).map((r) => r.id);
}

export function Doctor() {
  const [state, setState] = useState<State>({ kind: "idle" });
  const [selected, setSelected] = useState<string[]>([]);
  const [patched, setPatched] = useState<DiagnosticsReport | null>(null);

  async function open(name: string, read: () => Promise<LoadedProject>) {
    setState({ kind: "reading" });
    setPatched(null);
    try {
      const project = await read();
      if (project.files.length === 0) throw new Error("No text files were found to check.");
      const report = runDiagnostics(project.files);
      setSelected(fixableIds(report));
      setState({ kind: "loaded", name, project, discovery: discover(project.files), report });
    } catch (error) {
      setState({ kind: "refused", message: (error as Error).message });
    }
  }

  function applyFixes(loaded: Loaded) {
    setPatched(runDiagnostics(loaded.project.files, undefined, { fix: selected }));
  }

  async function download(loaded: Loaded, report: DiagnosticsReport) {
    const bytes = await patchedZip(loaded.project, report.files);
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: "application/zip" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${loaded.name.replace(/\.zip$/i, "")}-patched.zip`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-6">
      <UploadForm busy={state.kind === "reading"} onZip={(f) => open(f.name, () => loadZip(f))} onFolder={(list) => open(folderName(list), () => loadFolder(list))} />
      {state.kind === "reading" && <p role="status">Reading the project…</p>}
      {state.kind === "refused" && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" data-testid="doctor-error">
          {state.message}
        </p>
      )}
      {state.kind === "loaded" && (
        <>
          <DiscoveryView discovery={state.discovery} project={state.project} />
          <ReportView report={state.report} selected={selected} onSelect={setSelected} />
          <div className="flex flex-wrap gap-2">
            <button type="button" className={button} disabled={selected.length === 0} onClick={() => applyFixes(state)}>
              Apply {selected.length} selected fix{selected.length === 1 ? "" : "es"}
            </button>
            <button type="button" className={button} onClick={() => download(state, patched ?? state.report)} data-testid="doctor-download">
              Download {patched ? "the patched" : "the"} project
            </button>
          </div>
          {patched && <PatchedView before={state.report} after={patched} refused={refusedWrites(state.project, patched.changed)} />}
        </>
      )}
    </div>
  );
}

function folderName(list: FileList): string {
  return list[0]?.webkitRelativePath.split("/")[0] || "project";
}

function UploadForm({ busy, onZip, onFolder }: { busy: boolean; onZip: (file: File) => void; onFolder: (files: FileList) => void }) {
  // webkitdirectory is not in React's typings; every current browser supports it.
  const folderPicker = { webkitdirectory: "", directory: "" } as Record<string, string>;
  return (
    <section aria-labelledby="upload-heading" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="upload-heading" className="font-semibold">
        Your project
      </h2>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        A zip of the project, or its folder. It is read here in your browser and never sent anywhere. Limits: 50 MB, 5,000 files (node_modules, .git, virtualenvs and caches are skipped, and listed).
      </p>
      <div className="mt-3 flex flex-wrap gap-6">
        <label className="text-sm">
          <span className="mb-1 block font-medium">Zip archive</span>
          <input type="file" accept=".zip,application/zip" disabled={busy} data-testid="doctor-zip" onChange={(e) => e.target.files?.[0] && onZip(e.target.files[0])} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Folder</span>
          <input type="file" multiple disabled={busy} data-testid="doctor-folder" {...folderPicker} onChange={(e) => e.target.files?.length && onFolder(e.target.files)} />
        </label>
      </div>
    </section>
  );
}

function PatchedView({ before, after, refused }: { before: DiagnosticsReport; after: DiagnosticsReport; refused: { path: string; reason: string }[] }) {
  return (
    <section aria-labelledby="patched-heading" className="space-y-3" data-testid="doctor-patched">
      <h2 id="patched-heading" className="font-semibold">
        After the fixes
      </h2>
      <pre className="overflow-x-auto rounded-md bg-slate-50 p-3 text-sm dark:bg-slate-900" tabIndex={0} aria-label="Diagnostics summary after the fixes">
        {after.summary}
      </pre>
      {refused.length > 0 && (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950" data-testid="doctor-refused-writes">
          <p className="font-medium">Left out of the download (the upload had a symbolic link there, which is never written through):</p>
          <ul className="mt-1 list-disc pl-5">
            {refused.map((r) => (
              <li key={r.path}>
                <code>{r.path}</code>: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <FileDiffs before={before.files} after={after.files} changed={after.changed} />
    </section>
  );
}
