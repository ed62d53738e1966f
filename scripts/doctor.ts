/**
 * The doctor from the command line: the same discovery, checks and fixes as /doctor.
 *
 *   npm run doctor -- <folder | project.zip> [--fix] [--out patched.zip]
 *
 * --fix applies every available fix: into --out as a zip, or (for a folder
 * without --out) into the folder itself. Exit codes: 0 no errors remain,
 * 1 errors remain, 2 bad arguments or an upload that was refused.
 */
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runDiagnostics, type DiagnosticsReport } from "../lib/diagnostics";
import { discover, type Discovery } from "../lib/doctor/discover";
import { LIMITS, UploadError } from "../lib/doctor/limits";
import { LimitExceeded, readProject, unsafePath, type LoadedProject, type UploadEntry } from "../lib/doctor/read";
import { patchedZip, zipEntries } from "../lib/doctor/zip";
import { encodePermalink } from "../lib/permalink";

const USAGE = "usage: npm run doctor -- <folder | project.zip> [--fix] [--out patched.zip]";
const NOT_DESCENDED = new Set(["node_modules", ".git", ".venv", "venv", "__pycache__", ".next"]);

function fail(code: number, ...lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(code);
}

/** Reads a file of `size` bytes, refusing it unread when that is over `limit` (and noticing if it grew). */
function readCapped(path: string, size: number, limit: number): Uint8Array {
  if (size > limit) throw new LimitExceeded(size);
  const buffer = Buffer.alloc(size + 1);
  const fd = openSync(path, "r");
  try {
    const read = readSync(fd, buffer, 0, size + 1, 0);
    if (read > Math.min(size, limit)) throw new LimitExceeded(read);
    return new Uint8Array(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
}

function folderEntries(root: string): UploadEntry[] {
  const entries: UploadEntry[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const stat = lstatSync(full);
      const path = relative(root, full).split("\\").join("/");
      if (stat.isDirectory()) {
        if (!NOT_DESCENDED.has(name)) walk(full);
      } else if (stat.isSymbolicLink() || stat.isFile()) {
        entries.push({ path, size: stat.size, symlink: stat.isSymbolicLink(), read: async (limit) => readCapped(full, stat.size, limit) });
      }
      if (entries.length > LIMITS.maxArchiveEntries) throw new UploadError(`More than ${LIMITS.maxArchiveEntries} files under ${root}.`);
    }
  };
  walk(root);
  return entries;
}

async function load(input: string): Promise<{ project: LoadedProject; folder: boolean }> {
  const stat = lstatSync(input, { throwIfNoEntry: false });
  if (!stat) fail(2, `${input} does not exist`, USAGE);
  if (stat.isDirectory()) return { project: await readProject(folderEntries(input)), folder: true };
  if (stat.size > LIMITS.maxUploadBytes) throw new UploadError(`${input} is larger than 50 MB.`);
  return { project: await readProject(await zipEntries(new Uint8Array(readFileSync(input)))), folder: false };
}

function printDiscovery(d: Discovery) {
  const line = (label: string, value: string | undefined) => console.log(`  ${label.padEnd(18)} ${value ?? "not found"}`);
  console.log("Discovery");
  line("FastAPI app", d.fastapi && `${d.fastapi.file} (uvicorn ${d.fastapi.module})`);
  line("Python packages", d.pythonPackages.join(", ") || undefined);
  line("Existing auth", [...new Set(d.existingAuth.map((a) => a.kind))].join(", ") || undefined);
  line("Database", d.database && `${d.database.host} (DATABASE_URL in ${d.database.file})`);
  line("CORS origins", d.corsOrigins.join(", ") || undefined);
  line("Auth server", d.authServer && `${d.authServer.folder} ${[d.authServer.framework, d.authServer.orm, d.authServer.other].filter(Boolean).join(" + ")}`);
  line("Wizard prefill", `/?${encodePermalink(d.prefill)}`);
  console.log("");
}

function printFindings(report: DiagnosticsReport) {
  console.log(report.summary);
  for (const result of report.results) {
    for (const f of result.fixed) console.log(`  fixed  ${result.id}  ${f.file}:${f.line}  ${f.message}`);
    for (const f of result.findings) console.log(`  ${result.status.padEnd(6)} ${result.id}  ${f.file}:${f.line}  ${f.message}`);
  }
}

function writeBack(folder: string, report: DiagnosticsReport) {
  for (const path of report.changed) {
    if (unsafePath(path)) continue;
    writeFileSync(join(folder, path), report.files.find((f) => f.path === path)!.content);
    console.log(`wrote ${join(folder, path)}`);
  }
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { fix: { type: "boolean" }, out: { type: "string" } }, strict: true });
  } catch (error) {
    fail(2, (error as Error).message, USAGE);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) fail(2, USAGE);
  const input = resolve(positionals[0]);
  const { project, folder } = await load(input);
  if (values.fix && !values.out && !folder) fail(2, "--fix on a zip needs --out <patched.zip>", USAGE);
  for (const s of project.skipped) console.log(`skipped ${s.path}: ${s.reason}`);
  printDiscovery(discover(project.files));
  const report = runDiagnostics(project.files, undefined, { fix: Boolean(values.fix) });
  printFindings(report);
  if (values.out) {
    writeFileSync(resolve(values.out), await patchedZip(project, report.files));
    console.log(`wrote ${resolve(values.out)} (${report.changed.length} files changed)`);
  } else if (values.fix) {
    writeBack(folder ? input : "", report);
  }
  process.exit(report.counts.error > 0 ? 1 : 0);
}

main().catch((error) => {
  if (error instanceof UploadError) fail(2, error.message);
  fail(1, (error as Error).stack ?? String(error));
});
