/**
 * Reading an uploaded project safely, whatever it claims to be: paths are
 * checked before use (no absolute paths, no `..`, no symlinks), sizes are
 * counted while reading (a zip bomb stops at the limit instead of filling
 * memory), binary files are kept byte for byte but not checked. Nothing is
 * ever written to disk or sent anywhere.
 */
import type { ProjectFile } from "../diagnostics";
import { LIMITS, megabytes, UploadError, type Limits } from "./limits";

/** One file of an upload: a zip entry, a File from a folder picker, or a file on disk (CLI). */
export type UploadEntry = {
  path: string;
  /** Declared size; for zips this is the archive's claim, not trusted. */
  size: number;
  symlink?: boolean;
  /** Reads at most `limit` bytes; rejects with LimitExceeded beyond that. */
  read(limit: number): Promise<Uint8Array>;
};

export class LimitExceeded extends Error {
  constructor(readonly bytesRead: number) {
    super("limit exceeded");
  }
}

export type SkippedFile = { path: string; reason: string };

export type LoadedProject = {
  /** Text files, checked by the diagnostics; paths relative to the project root. */
  files: ProjectFile[];
  /** Binary or large files, kept byte for byte so the patched download is complete. */
  binaries: { path: string; bytes: Uint8Array }[];
  /** The single top folder every path was under ("" when none), restored in the download. */
  root: string;
  skipped: SkippedFile[];
};

const IGNORED = /(?:^|\/)(?:node_modules|\.git|\.venv|venv|__pycache__|\.next|\.mypy_cache|\.pytest_cache|\.turbo|dist|build)(?:\/|$)/;
const BINARY_EXTENSIONS = /\.(?:png|jpe?g|gif|webp|ico|bmp|pdf|zip|gz|tgz|bz2|xz|7z|jar|woff2?|ttf|otf|eot|mp[34]|mov|avi|wasm|so|dylib|dll|exe|bin|pyc|sqlite3?|db)$/i;

/** Why a path may not be used, or undefined when it is a plain relative path. */
export function unsafePath(raw: string): string | undefined {
  const path = raw.replace(/\\/g, "/");
  if (path.startsWith("/") || /^[A-Z]:/i.test(path)) return "absolute path";
  if (path.split("/").some((part) => part === "..")) return "path leaves the project (..)";
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  if (/[\u0000-\u001f]/.test(path)) return "control characters in the path";
  return undefined;
}

const normalize = (path: string) => path.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "").replace(/\/{2,}/g, "/");

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

export async function readProject(entries: readonly UploadEntry[], limits: Limits = LIMITS): Promise<LoadedProject> {
  const skipped: SkippedFile[] = [];
  const usable: UploadEntry[] = [];
  for (const entry of entries) {
    const path = normalize(entry.path);
    const unsafe = unsafePath(entry.path);
    if (unsafe) skipped.push({ path: entry.path, reason: unsafe });
    else if (entry.symlink) skipped.push({ path, reason: "symbolic link" });
    else if (!IGNORED.test(path)) usable.push({ ...entry, path });
  }
  if (usable.length > limits.maxFiles) {
    throw new UploadError(`The project has ${usable.length} files (not counting node_modules, .git and virtualenvs); the limit is ${limits.maxFiles}.`);
  }
  const declared = usable.reduce((sum, e) => sum + e.size, 0);
  if (declared > limits.maxTotalBytes) {
    throw new UploadError(`The files add up to ${megabytes(declared)}; the limit is ${megabytes(limits.maxTotalBytes)}.`);
  }
  const root = commonRoot(usable.map((e) => e.path));
  const project: LoadedProject = { files: [], binaries: [], root, skipped };
  let budget = limits.maxTotalBytes;
  for (const entry of usable) {
    const path = entry.path.slice(root.length);
    let bytes: Uint8Array;
    try {
      // Whatever an entry claims, unpacking stops once the whole upload passes the limit.
      bytes = await entry.read(budget);
    } catch (error) {
      if (!(error instanceof LimitExceeded)) throw error;
      throw new UploadError(`The project expands to more than ${megabytes(limits.maxTotalBytes)} when unpacked (a zip bomb?); nothing was kept.`);
    }
    budget -= bytes.length;
    const text = bytes.length > limits.maxFileBytes || BINARY_EXTENSIONS.test(path) ? undefined : decodeText(bytes);
    if (text === undefined) {
      project.binaries.push({ path, bytes });
      const why = bytes.length > limits.maxFileBytes ? `larger than ${megabytes(limits.maxFileBytes)}` : "binary file";
      skipped.push({ path, reason: `${why}: kept in the download, not checked` });
    } else {
      project.files.push({ path, content: text });
    }
  }
  return project;
}
