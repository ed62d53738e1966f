/** Turning what the browser hands over (a zip File, a folder's FileList, dropped files) into a checked, safely read project. */
import { LIMITS, megabytes, UploadError, UploadLimitError } from "@/lib/doctor/limits";
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

const isZip = (file: File) => /\.zip$/i.test(file.name) || file.type === "application/zip";

/** Every file under a dropped folder entry, with its path from the folder's parent. */
export async function filesUnder(entry: FileSystemEntry): Promise<PathedFile[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [{ file, path: entry.fullPath.replace(/^\//, "") }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries answers in batches (100 in Chromium) until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
    if (children.length > LIMITS.maxArchiveEntries) throw new UploadLimitError(`The folder has more than ${LIMITS.maxArchiveEntries} files, the limit.`);
  }
  return (await Promise.all(children.map(filesUnder))).flat();
}

/** What was dropped on the page: one zip, or a folder (read through its entries), or loose files. */
export async function loadDropped(transfer: DataTransfer): Promise<{ name: string; project: LoadedProject }> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  const files = [...transfer.files];
  if (files.length === 1 && isZip(files[0]) && !entries.some((e) => e.isDirectory)) return { name: files[0].name, project: await loadZip(files[0]) };
  if (entries.length > 0) {
    const picked = (await Promise.all(entries.map(filesUnder))).flat();
    return { name: entries.find((e) => e.isDirectory)?.name ?? "project", project: await loadFiles(picked) };
  }
  if (files.length === 0) throw new UploadError("Nothing readable was dropped: drop a zip of the project or its folder.");
  return { name: "project", project: await loadFiles(files.map((file) => ({ file, path: file.name }))) };
}
