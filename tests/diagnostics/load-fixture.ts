/** Fixture projects on disk as ProjectFile lists: the clean project, optionally overlaid by a broken variant. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { ProjectFile } from "../../lib/diagnostics";

export const FIXTURES = fileURLToPath(new URL("fixtures/", import.meta.url));

export function readTree(dir: string, root = dir): ProjectFile[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? readTree(path, root) : [{ path: relative(root, path).split("\\").join("/"), content: readFileSync(path, "utf8") }];
    });
}

export const cleanProject = () => readTree(join(FIXTURES, "clean"));

export const brokenVariants = () => readdirSync(join(FIXTURES, "broken")).sort();

/** The clean project with the files of `broken/<variant>/` replacing or adding to it. */
export function brokenProject(variant: string): ProjectFile[] {
  const overlay = readTree(join(FIXTURES, "broken", variant));
  const replaced = new Set(overlay.map((f) => f.path));
  return [...cleanProject().filter((f) => !replaced.has(f.path)), ...overlay];
}
