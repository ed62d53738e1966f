/** The doctor's safe reader's result as the app files integration reads: every file, whole, as bytes. */
import type { LoadedProject } from "../doctor/read";
import type { AppFile } from "./types";

const encoder = new TextEncoder();

/** `modes` by path (relative to the project's root), for readers that know them (a folder on disk, a zip's Unix attributes). */
export function appFilesFromProject(project: LoadedProject, modes: ReadonlyMap<string, number> = new Map()): AppFile[] {
  const withMode = (path: string, bytes: Uint8Array): AppFile => (modes.has(path) ? { path, bytes, mode: modes.get(path) } : { path, bytes });
  return [...project.files.map((f) => withMode(f.path, encoder.encode(f.content))), ...project.binaries.map((b) => withMode(b.path, b.bytes))].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
}
