/** A folder on disk zipped under one top folder, as people zip a project to upload it. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import JSZip from "jszip";

export async function zipFolder(folder: string, top = basename(folder)): Promise<Uint8Array> {
  const zip = new JSZip();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else zip.file(`${top}/${relative(folder, path).split("\\").join("/")}`, readFileSync(path));
    }
  };
  walk(folder);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
