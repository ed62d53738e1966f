/** The doctor's safe reader's result as the app files integration reads: every file, whole, as bytes. */
import type { LoadedProject } from "../doctor/read";
import type { AppFile } from "./types";

const encoder = new TextEncoder();

/** Read, write and execute bits only: an upload never makes a setuid, setgid or sticky file in the output. */
const PERMISSION_BITS = 0o777;

/** Each file keeps the mode its reader knew (a folder on disk, a zip's Unix attributes); a browser's folder picker knows none. */
export function appFilesFromProject(project: LoadedProject): AppFile[] {
  const file = (path: string, bytes: Uint8Array, mode: number | undefined): AppFile =>
    mode === undefined ? { path, bytes } : { path, bytes, mode: mode & PERMISSION_BITS };
  return [...project.files.map((f) => file(f.path, encoder.encode(f.content), f.mode)), ...project.binaries.map((b) => file(b.path, b.bytes, b.mode))].sort(
    (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}
