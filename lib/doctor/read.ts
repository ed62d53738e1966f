/**
 * Reading an uploaded project safely, whatever it claims to be: paths are
 * checked before use (no absolute paths, no `..`, no symlinks, no names
 * Windows would read differently), every file outside dependency and cache
 * folders is kept (build/ and dist/ included), sizes are
 * counted while reading (a zip bomb stops at the limit instead of filling
 * memory), binary files are kept byte for byte but not checked. Nothing is
 * ever written to disk or sent anywhere.
 */
import type { ProjectFile } from "../diagnostics";
import { LIMITS, megabytes, UploadLimitError, type Limits } from "./limits";

/** One file of an upload: a zip entry, a File from a folder picker, or a file on disk (CLI). */
export type UploadEntry = {
  path: string;
  /** Declared size; for zips this is the archive's claim, not trusted. */
  size: number;
  symlink?: boolean;
  /** Unix permission bits (e.g. 0o755), when the source records them. */
  mode?: number;
  /** Reads at most `limit` bytes; rejects with LimitExceeded beyond that. */
  read(limit: number): Promise<Uint8Array>;
};

export class LimitExceeded extends Error {
  constructor(readonly bytesRead: number) {
    super("limit exceeded");
  }
}

export type SkippedFile = { path: string; reason: string };

/** A text file of the upload; `mode` is kept so the patched download keeps executables executable. */
type LoadedFile = ProjectFile & { mode?: number };
type LoadedBinary = { path: string; bytes: Uint8Array; mode?: number };

export type LoadedProject = {
  /** Text files, checked by the diagnostics; paths relative to the project root. */
  files: LoadedFile[];
  /** Binary or large files, kept byte for byte so the patched download is complete. */
  binaries: LoadedBinary[];
  /** The single top folder every path was under ("" when none), restored in the download. */
  root: string;
  /** Paths (relative to the root) that were symbolic links: never read, never written through. */
  links: string[];
  skipped: SkippedFile[];
};

/** Installed dependencies, version control and caches: rebuilt by tools, never part of what is checked or patched. */
const IGNORED = /(^|\/)(node_modules|\.git|\.venv|venv|__pycache__|\.next|\.mypy_cache|\.pytest_cache|\.turbo)(?:\/|$)/;
const BINARY_EXTENSIONS =
  /\.(?:png|jpe?g|gif|webp|ico|bmp|pdf|zip|gz|tgz|bz2|xz|7z|jar|woff2?|ttf|otf|eot|mp[34]|mov|avi|wasm|so|dylib|dll|exe|bin|pyc|sqlite3?|db)$/i;

/** Whether the text holds a C0 control character (U+0000–U+001F) or DEL (U+007F). */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Why a path may not be used, or undefined when it is a plain relative path. */
export function unsafePath(raw: string): string | undefined {
  const path = normalize(raw);
  if (path.startsWith("/") || /^[A-Z]:/i.test(path)) return "absolute path";
  const parts = path.split("/");
  if (parts.some((part) => part === "..")) return "path leaves the project (..)";
  if (hasControlCharacter(path)) return "control characters in the path";
  // Windows drops trailing dots and spaces, so `.. ` is `..` there; a colon names a drive or an alternate data stream.
  if (parts.some((part) => /[. ]$/.test(part))) return "a path segment ends in a dot or a space";
  if (path.includes(":")) return "colon in the path";
  return undefined;
}

const normalize = (path: string) =>
  path
    .replace(/\\/g, "/")
    .replace(/^(?:\.\/)+/, "")
    .replace(/\/{2,}/g, "/");

/** The ignored folder a path lies in ("p/node_modules/"), for one grouped report line per folder. */
function ignoredFolder(path: string): string | undefined {
  const match = IGNORED.exec(path);
  return match ? `${path.slice(0, match.index + match[1].length)}${match[2]}/` : undefined;
}

/**
 * Why the doctor may not write `path` of this project: an unsafe path, or one
 * at or under a symbolic link of the upload (writing there would follow it).
 */
export function refusedWrites(project: Pick<LoadedProject, "links">, paths: readonly string[]): SkippedFile[] {
  const refused: SkippedFile[] = [];
  for (const path of paths) {
    const unsafe = unsafePath(path);
    const link = project.links.find((l) => path === l || path.startsWith(`${l}/`));
    if (unsafe) refused.push({ path, reason: `not written: ${unsafe}` });
    else if (link !== undefined) refused.push({ path, reason: `not written: ${link} is a symbolic link` });
  }
  return refused;
}

/** The folder every path shares, e.g. "my-app/" for an archive of one project folder. */
function commonRoot(paths: string[]): string {
  if (paths.length === 0) return "";
  const first = paths[0].split("/")[0];
  return paths.every((p) => p.includes("/") && p.split("/")[0] === first) ? `${first}/` : "";
}

/** Text when the bytes are UTF-8 without NUL bytes, else undefined (binary). */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const modeOf = (entry: UploadEntry) => (entry.mode === undefined ? {} : { mode: entry.mode });

export async function readProject(entries: readonly UploadEntry[], limits: Limits = LIMITS): Promise<LoadedProject> {
  const skipped: SkippedFile[] = [];
  const usable: UploadEntry[] = [];
  const linkPaths: string[] = [];
  const seen = new Set<string>();
  const ignored = new Map<string, number>();
  for (const entry of entries) {
    const path = normalize(entry.path);
    const unsafe = unsafePath(entry.path);
    const folder = unsafe ? undefined : ignoredFolder(path);
    if (unsafe) skipped.push({ path: entry.path, reason: unsafe });
    else if (folder) ignored.set(folder, (ignored.get(folder) ?? 0) + 1);
    else if (seen.has(path)) skipped.push({ path: entry.path, reason: `the same path as an earlier entry (${path}); the first one was kept` });
    else if (entry.symlink) {
      seen.add(path);
      linkPaths.push(path);
      skipped.push({ path, reason: "symbolic link: not followed, not written" });
    } else {
      seen.add(path);
      usable.push({ ...entry, path });
    }
  }
  for (const [folder, count] of ignored)
    skipped.push({ path: folder, reason: `${count} file${count === 1 ? "" : "s"} of a dependency, tool or cache folder: not read` });
  if (usable.length > limits.maxFiles) {
    throw new UploadLimitError(`The project has ${usable.length} files (not counting node_modules, .git and virtualenvs); the limit is ${limits.maxFiles}.`);
  }
  const declared = usable.reduce((sum, e) => sum + e.size, 0);
  if (declared > limits.maxTotalBytes) {
    throw new UploadLimitError(`The files add up to ${megabytes(declared)}; the limit is ${megabytes(limits.maxTotalBytes)}.`);
  }
  const root = commonRoot(usable.map((e) => e.path));
  const links = linkPaths.filter((l) => l.startsWith(root)).map((l) => l.slice(root.length));
  const project: LoadedProject = { files: [], binaries: [], root, links, skipped };
  let budget = limits.maxTotalBytes;
  for (const entry of usable) {
    const path = entry.path.slice(root.length);
    let bytes: Uint8Array;
    try {
      // Whatever an entry claims, unpacking stops once the whole upload passes the limit.
      bytes = await entry.read(budget);
    } catch (error) {
      if (!(error instanceof LimitExceeded)) throw error;
      throw new UploadLimitError(`The project expands to more than ${megabytes(limits.maxTotalBytes)} when unpacked (a zip bomb?); nothing was kept.`);
    }
    budget -= bytes.length;
    const text = bytes.length > limits.maxFileBytes || BINARY_EXTENSIONS.test(path) ? undefined : decodeText(bytes);
    if (text === undefined) {
      project.binaries.push({ path, bytes, ...modeOf(entry) });
      const why = bytes.length > limits.maxFileBytes ? `larger than ${megabytes(limits.maxFileBytes)}` : "binary file";
      skipped.push({ path, reason: `${why}: kept in the download, not checked` });
    } else {
      project.files.push({ path, content: text, ...modeOf(entry) });
    }
  }
  return project;
}
