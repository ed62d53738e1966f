/** Turning what the browser hands over (a zip File, or a folder's FileList) into a checked, safely read project. */
import { LIMITS, megabytes, UploadLimitError } from "@/lib/doctor/limits";
import { LimitExceeded, readProject, type LoadedProject, type UploadEntry } from "@/lib/doctor/read";
import { zipEntries } from "@/lib/doctor/zip";

export async function loadZip(file: File): Promise<LoadedProject> {
  if (file.size > LIMITS.maxUploadBytes) {
    throw new UploadLimitError(`${file.name} is ${megabytes(file.size)}; the limit is ${megabytes(LIMITS.maxUploadBytes)}.`);
  }
  return readProject(await zipEntries(new Uint8Array(await file.arrayBuffer())));
}

/** A folder chosen with webkitdirectory: every File carries its path in webkitRelativePath. */
export async function loadFolder(list: FileList): Promise<LoadedProject> {
  const files = [...list];
  // No total-size check here: node_modules may be most of a folder; readProject limits what is kept.
  if (files.length > LIMITS.maxArchiveEntries) throw new UploadLimitError(`The folder has ${files.length} files; the limit is ${LIMITS.maxArchiveEntries}.`);
  const entries: UploadEntry[] = files.map((file) => ({
    path: file.webkitRelativePath || file.name,
    size: file.size,
    read: async (limit) => {
      if (file.size > limit) throw new LimitExceeded(file.size);
      return new Uint8Array(await file.arrayBuffer());
    },
  }));
  return readProject(entries);
}
