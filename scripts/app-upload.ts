/**
 * Reads an app to integrate from a folder or a zip on disk, through the
 * doctor's safe reader and its limits. Both readers keep each file's Unix
 * mode (an executable script stays executable in the patched copy).
 */
import { lstatSync, readFileSync } from "node:fs";
import { folderEntries } from "../lib/doctor/disk";
import { LIMITS, UploadError } from "../lib/doctor/limits";
import { readProject } from "../lib/doctor/read";
import { zipEntries } from "../lib/doctor/zip";
import { appFilesFromProject } from "../lib/integrate/upload";
import type { AppFile } from "../lib/integrate";

export async function readAppUpload(input: string): Promise<AppFile[]> {
  const stat = lstatSync(input, { throwIfNoEntry: false });
  if (!stat) throw new UploadError(`${input} does not exist`);
  if (stat.isDirectory()) return appFilesFromProject(await readProject(folderEntries(input)));
  if (stat.size > LIMITS.maxUploadBytes) throw new UploadError(`${input} is larger than ${LIMITS.maxUploadBytes / 1024 / 1024} MB.`);
  return appFilesFromProject(await readProject(await zipEntries(new Uint8Array(readFileSync(input)))));
}
