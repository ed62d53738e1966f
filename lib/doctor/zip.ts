/**
 * Zip uploads in and patched zips out. Reading never trusts the archive: the
 * end-of-central-directory record and the central directory are walked here,
 * with every count, length and offset bounded, before any byte is unpacked, so
 * a crafted directory (a million entries, names of 64 kB, entries that all
 * point at one local header) is refused in milliseconds with a small heap.
 * Entries are then inflated one at a time, stopping at the caller's limit.
 * Writing goes through jszip (browser and Node alike).
 */
import JSZip from "jszip";
import type { ProjectFile } from "../diagnostics";
import { LIMITS, megabytes, UploadError, UploadLimitError, type Limits } from "./limits";
import { LimitExceeded, refusedWrites, type LoadedProject, type UploadEntry } from "./read";

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;
/** No real path is longer; a longer one is a way to make the directory large. */
export const MAX_NAME_BYTES = 1024;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const MSDOS_DIRECTORY = 0x10;
const ENCRYPTED = 0x1;
const UTF8_NAMES = 0x800;
const STORED = 0;
const UTF8 = new TextDecoder("utf-8");
const LATIN1 = new TextDecoder("latin1");
const DEFLATED = 8;

/** One central-directory record, as declared (sizes are claims until unpacked). */
type CentralEntry = {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  nameBytes: number;
  /** Unix permission bits, when the archive was made on a Unix system. */
  mode?: number;
  symlink: boolean;
  directory: boolean;
};

const refuse = (why: string): never => {
  throw new UploadError(`This is not a readable zip archive (${why}).`);
};

function findEndRecord(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - EOCD_SIZE - MAX_COMMENT);
  for (let at = view.byteLength - EOCD_SIZE; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD && at + EOCD_SIZE + view.getUint16(at + 20, true) === view.byteLength) return at;
  }
  return refuse("no end-of-central-directory record");
}

const uint64 = (view: DataView, at: number) => {
  const value = view.getBigUint64(at, true);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(value);
};

/** Where the central directory is and how many entries it claims, ZIP64 included. */
function directoryBounds(view: DataView): { count: number; offset: number; size: number; end: number } {
  const eocd = findEndRecord(view);
  let count = view.getUint16(eocd + 10, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  let end = eocd;
  const locator = eocd - 20;
  if ((count === 0xffff || size === 0xffffffff || offset === 0xffffffff) && locator >= 0 && view.getUint32(locator, true) === ZIP64_LOCATOR) {
    const record = uint64(view, locator + 8);
    if (record + 56 > locator || view.getUint32(record, true) !== ZIP64_EOCD) refuse("a broken ZIP64 end record");
    count = uint64(view, record + 32);
    size = uint64(view, record + 40);
    offset = uint64(view, record + 48);
    end = record;
  }
  if (offset + size > end) refuse("the central directory lies outside the archive");
  return { count, offset, size, end };
}

/** The ZIP64 extra field's 64-bit values, which replace the 32-bit ones set to 0xffffffff. */
function zip64Values(view: DataView, extraStart: number, extraEnd: number, wanted: number): number[] {
  for (let at = extraStart; at + 4 <= extraEnd;) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === 1) {
      const values: number[] = [];
      for (let i = 0; i < wanted && at + 4 + 8 * (i + 1) <= Math.min(extraEnd, at + 4 + length); i++) values.push(uint64(view, at + 4 + 8 * i));
      return values;
    }
    at += 4 + length;
  }
  return [];
}

function centralEntry(view: DataView, bytes: Uint8Array, at: number): { entry: CentralEntry; next: number } {
  const madeOn = view.getUint8(at + 5);
  const flags = view.getUint16(at + 8, true);
  const nameBytes = view.getUint16(at + 28, true);
  const extraBytes = view.getUint16(at + 30, true);
  const commentBytes = view.getUint16(at + 32, true);
  const attributes = view.getUint32(at + 38, true);
  if (nameBytes > MAX_NAME_BYTES) throw new UploadError(`The archive holds an entry name of ${nameBytes} bytes; the limit is ${MAX_NAME_BYTES}.`);
  if (flags & ENCRYPTED) throw new UploadError("The archive holds encrypted entries; upload an unencrypted zip.");
  const nameStart = at + CENTRAL_SIZE;
  const extraEnd = nameStart + nameBytes + extraBytes;
  const next = extraEnd + commentBytes;
  if (next > view.byteLength) refuse("an entry runs past the end of the archive");
  const raw = bytes.subarray(nameStart, nameStart + nameBytes);
  const name = raw.every((b) => b < 0x80) ? String.fromCharCode(...raw) : (flags & UTF8_NAMES ? UTF8 : LATIN1).decode(raw);
  let compressedSize = view.getUint32(at + 20, true);
  let uncompressedSize = view.getUint32(at + 24, true);
  let localOffset = view.getUint32(at + 42, true);
  const wide = [uncompressedSize, compressedSize, localOffset].filter((v) => v === 0xffffffff).length;
  if (wide > 0) {
    const values = zip64Values(view, nameStart + nameBytes, extraEnd, wide);
    if (uncompressedSize === 0xffffffff) uncompressedSize = values.shift() ?? Infinity;
    if (compressedSize === 0xffffffff) compressedSize = values.shift() ?? Infinity;
    if (localOffset === 0xffffffff) localOffset = values.shift() ?? Infinity;
  }
  const unixMode = madeOn === UNIX_HOST ? attributes >>> 16 : 0;
  const directory = name.endsWith("/") || (unixMode & S_IFMT) === S_IFDIR || (madeOn !== UNIX_HOST && (attributes & MSDOS_DIRECTORY) !== 0);
  return {
    entry: {
      name,
      method: view.getUint16(at + 10, true),
      compressedSize,
      uncompressedSize,
      localOffset,
      nameBytes,
      mode: unixMode ? unixMode & 0o7777 : undefined,
      symlink: (unixMode & S_IFMT) === S_IFLNK,
      directory,
    },
    next,
  };
}

/**
 * Every entry's data must lie before the central directory, and no two may
 * share bytes: overlapping entries are how a small archive claims to hold far
 * more than it does.
 */
function checkLayout(entries: CentralEntry[], directoryOffset: number): void {
  const starts = new Float64Array(entries.length);
  const ends = new Float64Array(entries.length);
  entries.forEach((e, i) => {
    starts[i] = e.localOffset;
    ends[i] = e.localOffset + LOCAL_SIZE + e.nameBytes + e.compressedSize;
  });
  const beyond = entries.findIndex((_, i) => ends[i] > directoryOffset);
  if (beyond >= 0)
    throw new UploadError(`The archive's entry ${JSON.stringify(entries[beyond].name.slice(0, 200))} claims data beyond the archive's contents.`);
  // Intervals (all longer than zero) are disjoint exactly when the k-th smallest end comes before the (k+1)-th smallest start.
  starts.sort();
  ends.sort();
  let overlaps = 0;
  for (let k = 0; k + 1 < entries.length; k++) if (ends[k] > starts[k + 1]) overlaps++;
  if (overlaps > 0) throw new UploadError(`The archive's entries overlap (${overlaps} share another entry's data): a crafted archive, not a project.`);
}

/** The central directory, bounded and checked; nothing is unpacked. */
function readDirectory(data: Uint8Array, limits: Limits = LIMITS): CentralEntry[] {
  if (data.length > limits.maxUploadBytes) {
    throw new UploadLimitError(`The archive is ${megabytes(data.length)}; the limit is ${megabytes(limits.maxUploadBytes)}.`);
  }
  if (data.length < EOCD_SIZE) refuse("too short");
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const { count, offset, size } = directoryBounds(view);
  if (count > limits.maxArchiveEntries) throw new UploadLimitError(`The archive lists ${count} entries; the limit is ${limits.maxArchiveEntries}.`);
  if (count * CENTRAL_SIZE > size) refuse(`the directory is too small for the ${count} entries it claims`);
  const entries: CentralEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > offset + size || view.getUint32(at, true) !== CENTRAL_HEADER) refuse(`entry ${i + 1} of the directory is damaged`);
    const { entry, next } = centralEntry(view, data, at);
    entries.push(entry);
    at = next;
  }
  if (at !== offset + size) refuse(`the directory holds more than the ${count} entries it counts`);
  checkLayout(entries, offset);
  return entries;
}

/** Inflates raw deflate data chunk by chunk, stopping as soon as more than `limit` bytes have come out. */
async function inflateCapped(data: Uint8Array, limit: number): Promise<Uint8Array> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(data);
      controller.close();
    },
  });
  const reader = source.pipeThrough(new DecompressionStream("deflate-raw") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new LimitExceeded(total);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

async function readEntry(data: Uint8Array, entry: CentralEntry, limit: number): Promise<Uint8Array> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const at = entry.localOffset;
  const unreadable = (why: string) => new UploadError(`${entry.name} could not be unpacked: ${why}.`);
  if (view.getUint32(at, true) !== LOCAL_HEADER) throw unreadable("its local header is missing");
  const start = at + LOCAL_SIZE + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > data.length) throw unreadable("its data runs past the end of the archive");
  const stored = data.subarray(start, start + entry.compressedSize);
  let bytes: Uint8Array;
  if (entry.method === STORED) {
    if (stored.length > limit) throw new LimitExceeded(stored.length);
    bytes = stored.slice();
  } else if (entry.method === DEFLATED) {
    try {
      bytes = await inflateCapped(stored, limit);
    } catch (error) {
      if (error instanceof LimitExceeded) throw error;
      throw unreadable((error as Error).message);
    }
  } else {
    throw unreadable(`compression method ${entry.method} is not supported (only stored and deflate)`);
  }
  if (bytes.length !== entry.uncompressedSize) throw unreadable(`it holds ${bytes.length} bytes where the archive says ${entry.uncompressedSize}`);
  return bytes;
}

/** The entries of a zip upload; refuses oversized or malformed archives before reading any file. */
export async function zipEntries(data: Uint8Array, limits: Limits = LIMITS): Promise<UploadEntry[]> {
  return readDirectory(data, limits)
    .filter((e) => !e.directory)
    .map((e) => ({
      path: e.name,
      size: e.uncompressedSize,
      symlink: e.symlink,
      mode: e.mode,
      read: (limit: number) => readEntry(data, e, limit),
    }));
}

const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

/**
 * The project as uploaded, with the patched text files replacing theirs, under
 * its original top folder, file modes kept. A path the reader would refuse, or
 * one at or under a symbolic link of the upload, is left out (`refusedWrites`
 * says which, for the report).
 */
export async function patchedZip(project: LoadedProject, files: readonly ProjectFile[]): Promise<Uint8Array> {
  const zip = new JSZip();
  const modes = new Map([...project.files, ...project.binaries].map((f) => [f.path, f.mode]));
  const refused = new Set(
    refusedWrites(
      project,
      files.map((f) => f.path),
    ).map((r) => r.path),
  );
  const add = (path: string, content: string | Uint8Array) =>
    zip.file(`${project.root}${path}`, content, { date: FIXED_DATE, createFolders: false, unixPermissions: modes.get(path) });
  for (const file of files) if (!refused.has(file.path)) add(file.path, file.content);
  for (const binary of project.binaries) add(binary.path, binary.bytes);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", platform: "UNIX" });
}
