/**
 * sidecar.json for an integrated app: what regenerates the same output (the
 * configuration, its permalink, the upload's digest) and what the change is
 * (the `integration` section). Only names and paths from the upload go in,
 * never a value read from it, so no secret of the app is ever copied here.
 */
import type { Config } from "../config/schema";
import type { DiagnosticsReport } from "../diagnostics";
import { buildRecord, recordFile } from "../record";
import type { AuthTableNames } from "./auth-tables";
import type { Plan } from "./plan";
import { sha256Hex } from "./sha256";
import type { AppFile, Discovery, OutputFile } from "./types";

/**
 * The upload's digest: SHA-256 over every file sorted by path, each as its
 * path, a NUL byte, its length in decimal, a NUL byte and its bytes. Paths are
 * relative to the app's folder, so the same app digests the same from a zip or a folder.
 */
export function uploadDigest(files: readonly AppFile[]): string {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    parts.push(encoder.encode(`${file.path}\0${file.bytes.length}\0`), file.bytes);
  }
  const all = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return `sha256:${sha256Hex(all)}`;
}

type RecordInput = { config: Config; discovery: Discovery; plan: Plan; tables: AuthTableNames; upload: readonly AppFile[]; report: DiagnosticsReport };

export function integrationRecord({ config, discovery, plan, tables, upload, report }: RecordInput): OutputFile {
  const integration = {
    app: discovery.app!.importString,
    factory: discovery.app!.factory ?? null,
    appDir: discovery.importRoot || null,
    meRoute: plan.meRoute,
    module: plan.modulePath,
    changedFiles: plan.changes.filter((c) => c.kind === "changed").map((c) => c.path),
    addedFiles: plan.changes.filter((c) => c.kind === "added").map((c) => c.path),
    requirementsAdded: plan.requirements.map((r) => r.name),
    authTables: tables,
    uploadDigest: uploadDigest(upload),
    env: plan.env,
    findings: discovery.findings,
  };
  return recordFile(buildRecord(config, report, { integration }));
}
