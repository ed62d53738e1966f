"use client";
/**
 * /doctor: an existing project in (zip or folder), checked in the browser,
 * fixes chosen and reviewed as diffs, the patched project out. Nothing is
 * uploaded anywhere: every step runs in this page.
 */
import { useState } from "react";
import { CHECKS, runDiagnostics, type DiagnosticsReport } from "@/lib/diagnostics";
import type { Check } from "@/lib/diagnostics/types";
import { policyCheck } from "@/lib/diagnostics/checks/policy";
import { discover, type Discovery } from "@/lib/doctor/discover";
import { refusedWrites, type LoadedProject } from "@/lib/doctor/read";
import { patchedZip } from "@/lib/doctor/zip";
import { fetchServedPolicy } from "@/lib/pipeline/served-policy";
import { DiscoveryView } from "./DiscoveryView";
import { FileDiffs } from "./FileDiffs";
import { ReportView } from "./ReportView";
import { loadDropped, loadFolder, loadZip } from "./upload";

type Checks = readonly Check[];
type Loaded = { name: string; project: LoadedProject; discovery: Discovery; report: DiagnosticsReport; checks: Checks };
type State = { kind: "idle" } | { kind: "reading" } | { kind: "refused"; message: string } | ({ kind: "loaded" } & Loaded);

const button =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 dark:border-slate-700 dark:hover:bg-slate-800";

/** The checks this Sidecar runs: under an organization policy, also the policy's, as the CLI's `doctor --policy` does. */
async function servedChecks(): Promise<Checks> {
  const served = await fetchServedPolicy();
  return served ? [...CHECKS, policyCheck(served.policy)] : CHECKS;
}

function fixableIds(report: DiagnosticsReport): string[] {
  return report.results.filter((r) => r.fixable && r.findings.length > 0).map((r) => r.id);
}

export function Doctor() {
  const [state, setState] = useState<State>({ kind: "idle" });
  const [selected, setSelected] = useState<string[]>([]);
  const [patched, setPatched] = useState<DiagnosticsReport | null>(null);

  async function open(read: () => Promise<{ name: string; project: LoadedProject }>) {
    setState({ kind: "reading" });
    setPatched(null);
    try {
      const { name, project } = await read();
      if (project.files.length === 0) throw new Error("No text files were found to check.");
      const checks = await servedChecks();
      const report = runDiagnostics(project.files, undefined, { checks });
      setSelected(fixableIds(report));
      setState({ kind: "loaded", name, project, discovery: discover(project.files), report, checks });
    } catch (error) {
      setState({ kind: "refused", message: (error as Error).message });
    }
  }

  /** Fixes accumulate: each run starts from the upload, with the earlier fixes and the newly selected ones. */
  function applyFixes(loaded: Loaded) {
    const applied = patched?.results.filter((r) => r.fixed.length > 0).map((r) => r.id) ?? [];
    const report = runDiagnostics(loaded.project.files, undefined, { checks: loaded.checks, fix: [...new Set([...applied, ...selected])] });
    setPatched(report);
    setSelected(fixableIds(report));
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
    <div className="max-w-5xl space-y-6">
      <UploadForm
        busy={state.kind === "reading"}
        onZip={(f) => open(async () => ({ name: f.name, project: await loadZip(f) }))}
        onFolder={(list) => open(async () => ({ name: folderName(list), project: await loadFolder(list) }))}
        onDrop={(transfer) => open(() => loadDropped(transfer))}
      />
      {state.kind === "reading" && <p role="status">Reading the project…</p>}
      {state.kind === "refused" && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          data-testid="doctor-error"
        >
          {state.message}
        </p>
      )}
      {state.kind === "loaded" && (
        <>
          <DiscoveryView discovery={state.discovery} project={state.project} />
          {/* Once fixes are applied, the list shows the patched project: what is left and what can still be fixed. */}
          <ReportView report={patched ?? state.report} selected={selected} onSelect={setSelected} />
          <div className="flex flex-wrap gap-2">
            <button type="button" className={button} disabled={selected.length === 0} onClick={() => applyFixes(state)} data-testid="doctor-apply">
              {fixableIds(patched ?? state.report).length === 0
                ? "No fixes left to apply"
                : `Apply ${selected.length} selected fix${selected.length === 1 ? "" : "es"}`}
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

type UploadProps = { busy: boolean; onZip: (file: File) => void; onFolder: (files: FileList) => void; onDrop: (transfer: DataTransfer) => void };

function UploadForm({ busy, onZip, onFolder, onDrop }: UploadProps) {
  // webkitdirectory is not in React's typings; every current browser supports it.
  const folderPicker = { webkitdirectory: "", directory: "" } as Record<string, string>;
  const [over, setOver] = useState(false);
  return (
    <section
      aria-labelledby="upload-heading"
      data-testid="doctor-drop"
      data-over={over || undefined}
      className={`rounded-lg border-2 border-dashed p-4 ${over ? "border-blue-500 bg-blue-50 dark:bg-blue-950" : "border-slate-300 dark:border-slate-700"}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!busy) onDrop(e.dataTransfer);
      }}
    >
      <h2 id="upload-heading" className="font-semibold">
        Your project
      </h2>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        Drop a zip of the project or its folder here, or choose one below. It is read here in your browser and never sent anywhere. Limits: 50 MB, 5,000 files
        (node_modules, .git, virtualenvs and caches are skipped, and listed).
      </p>
      <div className="mt-3 flex flex-wrap gap-6">
        <label className="text-sm">
          <span className="mb-1 block font-medium">Zip archive</span>
          <input
            type="file"
            accept=".zip,application/zip"
            disabled={busy}
            data-testid="doctor-zip"
            onChange={(e) => e.target.files?.[0] && onZip(e.target.files[0])}
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Folder</span>
          <input
            type="file"
            multiple
            disabled={busy}
            data-testid="doctor-folder"
            {...folderPicker}
            onChange={(e) => e.target.files?.length && onFolder(e.target.files)}
          />
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
      <PatchedSummary after={after} />
      {refused.length > 0 && (
        <div
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
          data-testid="doctor-refused-writes"
        >
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

/** The outcome of the fixes as the page's own elements: what was fixed, and what still needs attention. */
function PatchedSummary({ after }: { after: DiagnosticsReport }) {
  const fixed = after.results.filter((r) => r.fixed.length > 0);
  const open = after.results.filter((r) => r.findings.length > 0);
  return (
    <div className="space-y-2 text-sm" data-testid="doctor-patched-summary">
      <p className="font-medium" role="status">
        {after.counts.error === 0 ? "All critical checks passed" : `${after.counts.error} check${after.counts.error === 1 ? "" : "s"} still with errors`}
        {after.counts.warning > 0 ? `, ${after.counts.warning} with warnings` : ""}.
      </p>
      <ul className="ml-5 list-disc">
        {fixed.map((r) => (
          <li key={r.id} data-fixed={r.id}>
            <span className="font-medium">{r.title}</span>: fixed ({r.fixed.length} finding{r.fixed.length === 1 ? "" : "s"})
          </li>
        ))}
        {open.map((r) => (
          <li key={r.id} data-open={r.id}>
            <span className="font-medium">{r.title}</span>: {r.status}, needs your decision ({r.findings.length} finding{r.findings.length === 1 ? "" : "s"})
          </li>
        ))}
      </ul>
    </div>
  );
}
