/**
 * The folders of an upload that may hold a FastAPI app: each one with a
 * dependency file (requirements*.txt, requirements/*.txt or pyproject.toml)
 * that names fastapi. An upload of several services, or of an app beside
 * other things, then lets the user say which folder to integrate, as the
 * CLI's `--app <folder>` does.
 */
import { decodeText } from "../doctor/read";
import type { AppFile } from "./types";

/** The folder a dependency file belongs to ("" for the upload's top), or undefined when the file is not one. */
function dependencyFolder(path: string): string | undefined {
  const match = /^(?:(.*?)\/)?(?:requirements[^/]*\.txt|requirements\/[^/]+\.txt|pyproject\.toml)$/.exec(path);
  if (!match) return undefined;
  return match[1] ?? "";
}

/** Candidate app folders, sorted, the upload's top folder ("") first when it is one. */
export function appFolders(app: readonly AppFile[]): string[] {
  const folders = new Set<string>();
  for (const file of app) {
    const folder = dependencyFolder(file.path);
    if (folder === undefined || folders.has(folder)) continue;
    if (/\bfastapi\b/i.test(decodeText(file.bytes) ?? "")) folders.add(folder);
  }
  return [...folders].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
