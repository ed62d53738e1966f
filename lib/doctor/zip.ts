/** Zip uploads in and patched zips out, both through jszip (browser and Node alike). */
import JSZip from "jszip";
import type { ProjectFile } from "../diagnostics";
import { LIMITS, megabytes, UploadError, UploadLimitError, type Limits } from "./limits";
import { LimitExceeded, type LoadedProject, type UploadEntry } from "./read";

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** jszip's internals this module relies on: the declared size and the chunked stream (not in its typings). */
type StreamHelper = {
  on(event: "data", listener: (chunk: Uint8Array) => void): StreamHelper;
  on(event: "error", listener: (error: Error) => void): StreamHelper;
  on(event: "end", listener: () => void): StreamHelper;
  pause(): StreamHelper;
  resume(): StreamHelper;
};
type ZipObjectWithSize = JSZip.JSZipObject & {
  _data?: { uncompressedSize?: number };
  /** The name as stored, before jszip resolved `..` in it: what must be judged. */
  unsafeOriginalName?: string;
  internalStream(type: "uint8array"): StreamHelper;
};

/** Decompresses one entry chunk by chunk, stopping as soon as `limit` bytes have come out. */
function readCapped(entry: ZipObjectWithSize, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const stream = entry.internalStream("uint8array");
    stream
      .on("data", (chunk: Uint8Array) => {
        total += chunk.length;
        if (total > limit) {
          stream.pause();
          reject(new LimitExceeded(total));
          return;
        }
        chunks.push(chunk);
      })
      .on("error", (error: Error) => reject(new UploadError(`${entry.name} could not be unpacked: ${error.message}`)))
      .on("end", () => {
        const bytes = new Uint8Array(total);
        let offset = 0;
        for (const chunk of chunks) {
          bytes.set(chunk, offset);
          offset += chunk.length;
        }
        resolve(bytes);
      })
      .resume();
  });
}

/** The entries of a zip upload; refuses oversized or malformed archives before reading any file. */
export async function zipEntries(data: Uint8Array, limits: Limits = LIMITS): Promise<UploadEntry[]> {
  if (data.length > limits.maxUploadBytes) {
    throw new UploadLimitError(`The archive is ${megabytes(data.length)}; the limit is ${megabytes(limits.maxUploadBytes)}.`);
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data, { createFolders: false });
  } catch (error) {
    throw new UploadError(`This is not a readable zip archive (${(error as Error).message}).`);
  }
  const objects = Object.values(zip.files) as ZipObjectWithSize[];
  if (objects.length > limits.maxArchiveEntries) {
    throw new UploadLimitError(`The archive lists ${objects.length} entries; the limit is ${limits.maxArchiveEntries}.`);
  }
  return objects
    .filter((o) => !o.dir)
    .map((o) => {
      const mode = typeof o.unixPermissions === "number" ? o.unixPermissions : 0;
      return {
        path: o.unsafeOriginalName ?? o.name,
        size: o._data?.uncompressedSize ?? 0,
        symlink: (mode & S_IFMT) === S_IFLNK,
        read: (limit: number) => readCapped(o, limit),
      };
    });
}

const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

/** The project as uploaded, with the patched text files replacing theirs, under its original top folder. */
export async function patchedZip(project: LoadedProject, files: readonly ProjectFile[]): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const file of files) zip.file(`${project.root}${file.path}`, file.content, { date: FIXED_DATE, createFolders: false });
  for (const binary of project.binaries) zip.file(`${project.root}${binary.path}`, binary.bytes, { date: FIXED_DATE, createFolders: false });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
