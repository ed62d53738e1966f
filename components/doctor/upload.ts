/** Turning what the browser hands over (a zip File, a folder's FileList, dropped files) into a checked, safely read project. */
import { LIMITS, megabytes, UploadLimitError } from "@/lib/doctor/limits";
import { LimitExceeded, readProject, type LoadedProject, type UploadEntry } from "@/lib/doctor/read";
import { zipEntries } from "@/lib/doctor/zip";

/** A file of a chosen or dropped folder, with its path inside that folder's parent. */
export type PathedFile = { path: string; file: File };

export async function loadZip(file: File): Promise<LoadedProject> {
  if (file.size > LIMITS.maxUploadBytes) {
    throw new UploadLimitError(`${file.name} is ${megabytes(file.size)}; the limit is ${megabytes(LIMITS.maxUploadBytes)}.`);
  }
  return readProject(await zipEntries(new Uint8Array(await file.arrayBuffer())));
}

/** A folder chosen with webkitdirectory: every File carries its path in webkitRelativePath. */
export function loadFolder(list: FileList): Promise<LoadedProject> {
  return loadFiles([...list].map((file) => ({ path: file.webkitRelativePath || file.name, file })));
}

export async function loadFiles(files: readonly PathedFile[]): Promise<LoadedProject> {
  // No total-size check here: node_modules may be most of a folder; readProject limits what is kept.
  if (files.length > LIMITS.maxArchiveEntries) throw new UploadLimitError(`The folder has ${files.length} files; the limit is ${LIMITS.maxArchiveEntries}.`);
  const entries: UploadEntry[] = files.map(({ path, file }) => ({
    path,
    size: file.size,
    read: async (limit) => {
      if (file.size > limit) throw new LimitExceeded(file.size);
      return new Uint8Array(await file.arrayBuffer());
    },
  }));
  return readProject(entries);
}
