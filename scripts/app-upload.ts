/**
 * Reads an app to integrate from a folder or a zip on disk, through the
 * doctor's safe reader and its limits, keeping each file's Unix mode (an
 * executable script stays executable in the patched copy).
 */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { LIMITS, UploadError } from "../lib/doctor/limits";
import { LimitExceeded, readProject, type UploadEntry } from "../lib/doctor/read";
import { zipEntries } from "../lib/doctor/zip";
import { appFilesFromProject } from "../lib/integrate/upload";
import type { AppFile } from "../lib/integrate";

const NOT_DESCENDED = new Set(["node_modules", ".git", ".venv", "venv", "__pycache__", ".pytest_cache", ".mypy_cache"]);

function folderEntries(root: string, modes: Map<string, number>): UploadEntry[] {
  const entries: UploadEntry[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const stat = lstatSync(full);
      const path = relative(root, full).split("\\").join("/");
      if (stat.isDirectory()) {
        if (!NOT_DESCENDED.has(name)) walk(full);
        continue;
      }
      if (!stat.isFile() && !stat.isSymbolicLink()) continue;
      modes.set(path, stat.mode & 0o777);
      entries.push({
        path,
        size: stat.size,
        symlink: stat.isSymbolicLink(),
        read: async (limit) => {
          if (stat.size > limit) throw new LimitExceeded(stat.size);
          return new Uint8Array(readFileSync(full));
        },
      });
      if (entries.length > LIMITS.maxArchiveEntries) throw new UploadError(`More than ${LIMITS.maxArchiveEntries} files under ${root}.`);
    }
  };
  walk(root);
  return entries;
}

export async function readAppUpload(input: string): Promise<AppFile[]> {
  const stat = lstatSync(input, { throwIfNoEntry: false });
  if (!stat) throw new UploadError(`${input} does not exist`);
  if (stat.isDirectory()) {
    const modes = new Map<string, number>();
    const project = await readProject(folderEntries(input, modes));
    return appFilesFromProject(project, new Map([...modes].map(([path, mode]) => [path.slice(project.root.length), mode])));
  }
  if (stat.size > LIMITS.maxUploadBytes) throw new UploadError(`${input} is larger than ${LIMITS.maxUploadBytes / 1024 / 1024} MB.`);
  return appFilesFromProject(await readProject(await zipEntries(new Uint8Array(readFileSync(input)))));
}
