/**
 * The project archive: every file under `<projectName>/`, with a fixed
 * timestamp and in path order, so the same configuration always gives the
 * same bytes (in the browser and in the CLI).
 */
import JSZip from "jszip";

/** A generated file, or a file of an uploaded app kept byte for byte with its mode (e.g. an executable script). */
export type ZipEntry = { path: string; content: string | Uint8Array; mode?: number };

/** 1980-01-01, the earliest date a zip entry can hold. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

export async function zipProject(projectName: string, files: readonly ZipEntry[]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const file of files) {
    // Folders are implied by the paths; explicit folder entries would carry the current time.
    zip.file(`${projectName}/${file.path}`, file.content, { date: FIXED_DATE, createFolders: false, unixPermissions: file.mode });
  }
  // Modes are only recorded in UNIX-style entries; archives without any stay as they always were.
  const platform = files.some((f) => f.mode !== undefined) ? "UNIX" : "DOS";
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 }, platform });
}
