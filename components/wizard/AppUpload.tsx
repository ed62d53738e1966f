"use client";
/**
 * The app of an "existing" project: a folder or a zip, chosen or dropped,
 * read here by the doctor's safe reader (its limits, its refusals) and
 * handed to the rendering worker. Nothing is sent anywhere, and a link
 * never carries it.
 */
import { useState, type DragEvent } from "react";
import { LIMITS, megabytes } from "@/lib/doctor/limits";
import type { SkippedFile } from "@/lib/doctor/read";
import type { PathedFile } from "../doctor/upload";

export type AppUploadState =
  | { kind: "none" }
  | { kind: "reading"; name: string }
  /** `folders`: the upload's folders that may hold the FastAPI app; `folder`: the one integrated ("" for the whole upload). */
  | { kind: "loaded"; name: string; fileCount: number; skipped: SkippedFile[]; folders: string[]; folder: string }
  | { kind: "refused"; name: string; message: string };

/** What the user handed over, before it is read. */
export type AppSource = { kind: "zip"; file: File } | { kind: "folder"; name: string; files: PathedFile[] };

async function droppedSource(transfer: DataTransfer): Promise<AppSource | string> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  if (entries.length !== 1) return "Drop one folder or one zip.";
  const [entry] = entries;
  // The reader (and jszip) load only when an app is given, as in chooseApp.
  const { filesUnder } = await import("../doctor/upload");
  if (entry.isDirectory) return { kind: "folder", name: entry.name, files: await filesUnder(entry) };
  const file = transfer.files[0];
  return /\.zip$/i.test(file.name) ? { kind: "zip", file } : `${file.name} is neither a folder nor a zip.`;
}

function folderSource(list: FileList): AppSource {
  const files = [...list].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
  return { kind: "folder", name: files[0]?.path.split("/")[0] || "app", files };
}

type Props = {
  state: AppUploadState;
  onChoose: (source: AppSource) => void;
  onChooseFolder: (folder: string) => void;
  onRefuse: (message: string) => void;
};

export function AppUpload({ state, onChoose, onChooseFolder, onRefuse }: Props) {
  const [over, setOver] = useState(false);
  // webkitdirectory is not in React's typings; every current browser supports it.
  const folderPicker = { webkitdirectory: "", directory: "" } as Record<string, string>;
  const busy = state.kind === "reading";

  async function drop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    try {
      const source = await droppedSource(event.dataTransfer);
      if (typeof source === "string") onRefuse(source);
      else onChoose(source);
    } catch (error) {
      onRefuse(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <fieldset className="rounded-lg border border-slate-300 p-3 dark:border-slate-700" data-testid="app-upload">
      <legend className="px-1 font-semibold">Your FastAPI app</legend>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Its folder or a zip of it. It is read here in your browser and never sent anywhere; the upload itself is never changed. Limits:{" "}
        {megabytes(LIMITS.maxUploadBytes)}, {LIMITS.maxFiles.toLocaleString("en")} files (.git, node_modules and virtualenvs are skipped).
      </p>
      <div
        className={`mt-3 rounded-lg border-2 border-dashed p-4 text-center text-sm ${over ? "border-blue-600 bg-blue-50 dark:border-blue-400 dark:bg-blue-950" : "border-slate-300 dark:border-slate-700"}`}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="app-drop-zone"
      >
        <p>Drop the app&apos;s folder or zip here, or choose it:</p>
        <div className="mt-2 flex flex-wrap justify-center gap-6 text-left">
          <label className="text-sm">
            <span className="mb-1 block font-medium">Folder</span>
            <input
              type="file"
              multiple
              disabled={busy}
              data-testid="app-folder"
              {...folderPicker}
              onChange={(e) => e.target.files?.length && onChoose(folderSource(e.target.files))}
            />
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium">Zip archive</span>
            <input
              type="file"
              accept=".zip,application/zip"
              disabled={busy}
              data-testid="app-zip"
              onChange={(e) => e.target.files?.[0] && onChoose({ kind: "zip", file: e.target.files[0] })}
            />
          </label>
        </div>
      </div>
      <AppStatus state={state} />
      {state.kind === "loaded" && <AppFolderChoice folders={state.folders} folder={state.folder} onChoose={onChooseFolder} />}
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        A shared link carries your answers but never the app: whoever opens it is asked for the app again.
      </p>
    </fieldset>
  );
}

/** Which folder to integrate, when the upload holds more than the app (several services, or the app inside a larger folder). */
function AppFolderChoice({ folders, folder, onChoose }: { folders: string[]; folder: string; onChoose: (folder: string) => void }) {
  if (folders.length === 0 || (folders.length === 1 && folders[0] === "")) return null;
  return (
    <fieldset className="mt-3" data-testid="app-folders">
      <legend className="text-sm font-medium">The folder holding the FastAPI app</legend>
      <p className="text-sm text-slate-600 dark:text-slate-400">These folders have a dependency file naming fastapi; only the chosen one is integrated.</p>
      <div className="mt-1 flex flex-col gap-1">
        {folders.map((candidate) => (
          <label key={candidate} className="flex items-center gap-2 text-sm">
            <input type="radio" name="app-folder" value={candidate} checked={candidate === folder} onChange={() => onChoose(candidate)} />
            <code>{candidate === "" ? "(the whole upload)" : `${candidate}/`}</code>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function AppStatus({ state }: { state: AppUploadState }) {
  if (state.kind === "none") {
    return (
      <p className="mt-2 text-sm font-medium text-amber-800 dark:text-amber-300" data-testid="app-status">
        No app chosen yet: the preview and the download need it.
      </p>
    );
  }
  if (state.kind === "reading") {
    return (
      <p role="status" className="mt-2 text-sm" data-testid="app-status">
        Reading {state.name}…
      </p>
    );
  }
  if (state.kind === "refused") {
    return (
      <p
        role="alert"
        className="mt-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        data-testid="app-status"
      >
        {state.name}: {state.message}
      </p>
    );
  }
  return (
    <div className="mt-2 text-sm" data-testid="app-status">
      <p role="status">
        <span className="font-medium">{state.name}</span>: {state.fileCount} files read
        {state.skipped.length > 0 && `, ${state.skipped.length} skipped`}.
      </p>
      {state.skipped.length > 0 && (
        <details className="mt-1">
          <summary>Skipped files</summary>
          <ul className="ml-5 list-disc">
            {state.skipped.map((s) => (
              <li key={s.path}>
                <code>{s.path}</code>: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
