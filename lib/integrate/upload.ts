/**
 * An upload read by the doctor's safe reader, as the app files integrateApp
 * takes: text files back to their bytes, binary files as they were, so the
 * patched copy holds every file of the upload.
 */
import type { LoadedProject } from "../doctor/read";
import type { AppFile } from "./types";

export function appFilesOf(project: LoadedProject): AppFile[] {
  const encoder = new TextEncoder();
  const files: AppFile[] = [
    ...project.files.map((file) => ({ path: file.path, bytes: encoder.encode(file.content) })),
    ...project.binaries.map((binary) => ({ path: binary.path, bytes: binary.bytes })),
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
