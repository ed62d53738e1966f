/**
 * The doctor on a folder on disk (Node only): reading it as upload entries,
 * and writing fixes back without ever leaving the folder. A write goes through
 * each path component with lstat: a symbolic link anywhere on the way (or a
 * file with other hard links) is refused rather than followed, so a project
 * cannot steer a fix to a file outside it.
 */
import { closeSync, constants, fstatSync, ftruncateSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, realpathSync, writeSync } from "node:fs";
import { join, relative } from "node:path";
import { LIMITS, UploadError } from "./limits";
import { LimitExceeded, unsafePath, type UploadEntry } from "./read";

/** Folders the CLI does not even list: what they hold is never read (dependencies, history, caches of tools). */
const NOT_DESCENDED = new Set(["node_modules", ".git", ".venv", "venv", "__pycache__", ".next", ".pytest_cache", ".mypy_cache"]);

/** Reads a file of `size` bytes, refusing it unread when that is over `limit` (and noticing if it grew). */
function readCapped(path: string, size: number, limit: number): Uint8Array {
  if (size > limit) throw new LimitExceeded(size);
  const buffer = Buffer.alloc(size + 1);
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const read = readSync(fd, buffer, 0, size + 1, 0);
    if (read > Math.min(size, limit)) throw new LimitExceeded(read);
    return new Uint8Array(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
}

/** Every file under `root` as an upload entry, symbolic links marked (never followed), modes kept. */
export function folderEntries(root: string, maxEntries: number = LIMITS.maxArchiveEntries): UploadEntry[] {
  const entries: UploadEntry[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const stat = lstatSync(full);
      const path = relative(root, full).split("\\").join("/");
      if (stat.isDirectory()) {
        if (!NOT_DESCENDED.has(name)) walk(full);
      } else if (stat.isSymbolicLink() || stat.isFile()) {
        const mode = stat.mode & 0o7777;
        entries.push({ path, size: stat.size, symlink: stat.isSymbolicLink(), mode, read: async (limit) => readCapped(full, stat.size, limit) });
      }
      if (entries.length > maxEntries) throw new UploadError(`More than ${maxEntries} files under ${root}.`);
    }
  };
  walk(root);
  return entries;
}

export type WriteOutcome = { path: string; written: true } | { path: string; written: false; reason: string };

/**
 * Writes `content` to `path` (relative, `/`-separated) inside `root`. Missing
 * folders are created; an existing component that is a symbolic link or not a
 * folder, a target that is a link, a special file or hard-linked elsewhere,
 * refuses the write with the reason.
 */
export function writeInside(root: string, path: string, content: string): WriteOutcome {
  const refuse = (reason: string): WriteOutcome => ({ path, written: false, reason });
  const unsafe = unsafePath(path);
  if (unsafe) return refuse(unsafe);
  const parts = path.split("/");
  let at = realpathSync(root);
  for (const part of parts.slice(0, -1)) {
    at = join(at, part);
    const stat = lstatSync(at, { throwIfNoEntry: false });
    if (!stat) mkdirSync(at);
    else if (stat.isSymbolicLink()) return refuse(`${relative(root, at) || part} is a symbolic link`);
    else if (!stat.isDirectory()) return refuse(`${relative(root, at) || part} is not a folder`);
  }
  const target = join(at, parts[parts.length - 1]);
  const stat = lstatSync(target, { throwIfNoEntry: false });
  if (stat?.isSymbolicLink()) return refuse("it is a symbolic link");
  if (stat && !stat.isFile()) return refuse("it is not a regular file");
  if (stat && stat.nlink > 1) return refuse("it has other hard links");
  let fd: number;
  try {
    // O_NOFOLLOW: a link put in place after the checks above still is not followed.
    fd = openSync(target, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | (stat ? 0 : constants.O_EXCL), 0o644);
  } catch (error) {
    return refuse((error as NodeJS.ErrnoException).code === "ELOOP" ? "it is a symbolic link" : (error as Error).message);
  }
  try {
    if (fstatSync(fd).nlink > 1) return refuse("it has other hard links");
    const bytes = Buffer.from(content, "utf8");
    ftruncateSync(fd, 0);
    writeSync(fd, bytes, 0, bytes.length, 0);
  } finally {
    closeSync(fd);
  }
  return { path, written: true };
}
