/** What /doctor and `npm run doctor` accept; anything beyond is refused with a message saying which limit. */
export const LIMITS = {
  /** The upload itself: the zip file, or the chosen folder's files together. */
  maxUploadBytes: 50 * 1024 * 1024,
  /** Files kept after skipping node_modules, .git, virtualenvs and caches. */
  maxFiles: 5_000,
  /** Entries in a zip's directory before anything is skipped (a million tiny entries is an attack, not a project). */
  maxArchiveEntries: 100_000,
  /** Bytes actually decompressed or read, all files together: stops zip bombs while reading. */
  maxTotalBytes: 50 * 1024 * 1024,
  /** A file larger than this is kept in the download but not checked (no source file is this big). */
  maxFileBytes: 2 * 1024 * 1024,
} as const;

export type Limits = { [K in keyof typeof LIMITS]: number };

/** A refusal the user should read: the whole upload is rejected. */
export class UploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UploadError";
  }
}

/** A refusal because the upload is past one of the limits (HTTP 413), not because it is malformed. */
export class UploadLimitError extends UploadError {
  constructor(message: string) {
    super(message);
    this.name = "UploadLimitError";
  }
}

export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
