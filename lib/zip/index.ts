/**
 * The project archive: every file under `<projectName>/`, with a fixed
 * timestamp and in path order, so the same configuration always gives the
 * same bytes (in the browser and in the CLI).
 */
import JSZip from "jszip";
import type { GeneratedFile } from "../generate";

/** 1980-01-01, the earliest date a zip entry can hold. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/** A file to archive: text, or bytes kept as they are, with its Unix mode when it has one (an executable script). */
export type ArchiveFile = GeneratedFile | { path: string; content: string | Uint8Array; mode?: number };

export async function zipProject(projectName: string, files: readonly ArchiveFile[]): Promise<Uint8Array> {
  const zip = new JSZip();
  let modes = false;
  for (const file of files) {
    const mode = "mode" in file ? file.mode : undefined;
    modes ||= mode !== undefined;
    // Folders are implied by the paths; explicit folder entries would carry the current time.
    zip.file(`${projectName}/${file.path}`, file.content, { date: FIXED_DATE, createFolders: false, unixPermissions: mode });
  }
  // Unix attributes only when some file has a mode, so generated projects keep their bytes.
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 }, ...(modes ? { platform: "UNIX" as const } : {}) });
}
