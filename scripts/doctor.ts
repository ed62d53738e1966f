/**
 * The doctor from the command line: the same discovery, checks and fixes as /doctor.
 *
 *   npm run doctor -- <folder | project.zip> [--fix] [--out patched.zip]
 *
 * --fix applies every available fix: into --out as a zip, or (for a folder
 * without --out) into the folder itself. Exit codes: 0 no errors remain,
 * 1 errors remain, 2 bad arguments or an upload that was refused.
 */
import { lstatSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { CHECKS, runDiagnostics, type DiagnosticsReport } from "../lib/diagnostics";
import { policyCheck } from "../lib/diagnostics/checks/policy";
import { discover, type Discovery } from "../lib/doctor/discover";
import { folderEntries, writeInside } from "../lib/doctor/disk";
import { LIMITS, UploadError } from "../lib/doctor/limits";
import { readProject, refusedWrites, type LoadedProject } from "../lib/doctor/read";
import { discoveryRows } from "../lib/doctor/rows";
import { visibleLine, visibleLines } from "../lib/doctor/visible";
import { patchedZip, zipEntries } from "../lib/doctor/zip";
import { encodePermalink } from "../lib/permalink";
import { PolicyFileError, readPolicyFile } from "../lib/server/policy";

const USAGE = "usage: npm run doctor -- <folder | project.zip> [--fix] [--out patched.zip] [--policy sidecar.policy.json]";

/** Everything printed may hold project content (names, values): control characters are shown, never obeyed. */
const print = (text: string) => console.log(visibleLines(text));
/** A line that quotes project content (a name, a value, a message about them): its line breaks are escaped too. */
const printLine = (text: string) => console.log(visibleLine(text));

function fail(code: number, ...lines: string[]): never {
  for (const line of lines) console.error(visibleLines(line));
  process.exit(code);
}

async function load(input: string): Promise<{ project: LoadedProject; folder: boolean }> {
  const stat = lstatSync(input, { throwIfNoEntry: false });
  if (!stat) fail(2, `${input} does not exist`, USAGE);
  if (stat.isDirectory()) return { project: await readProject(folderEntries(input)), folder: true };
  if (stat.size > LIMITS.maxUploadBytes) throw new UploadError(`${input} is larger than 50 MB.`);
  return { project: await readProject(await zipEntries(new Uint8Array(readFileSync(input)))), folder: false };
}

function printDiscovery(d: Discovery) {
  print("Discovery");
  for (const row of discoveryRows(d))
    printLine(`  ${row.label.padEnd(19)} ${row.value ?? "not found"}${row.value && row.source ? `  (from ${row.source})` : ""}`);
  print(`  ${"Wizard prefill".padEnd(19)} /?${encodePermalink(d.prefill)}${d.record ? `  (from ${d.record.file})` : ""}`);
  print("");
}

function printFindings(report: DiagnosticsReport) {
  print(report.summary);
  for (const result of report.results) {
    for (const f of result.fixed) printLine(`  fixed  ${result.id}  ${f.file}:${f.line}  ${f.message}`);
    for (const f of result.findings) printLine(`  ${result.status.padEnd(6)} ${result.id}  ${f.file}:${f.line}  ${f.message}`);
  }
}

/** Writes the changed files into the folder, never through a symbolic link; each refusal is reported. */
function writeBack(folder: string, report: DiagnosticsReport) {
  for (const path of report.changed) {
    const outcome = writeInside(folder, path, report.files.find((f) => f.path === path)!.content);
    printLine(outcome.written ? `wrote ${path}` : `not written ${path}: ${outcome.reason}`);
  }
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { fix: { type: "boolean" }, out: { type: "string" }, policy: { type: "string" } }, strict: true });
  } catch (error) {
    fail(2, (error as Error).message, USAGE);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) fail(2, USAGE);
  const input = resolve(positionals[0]);
  const { project, folder } = await load(input);
  if (values.fix && !values.out && !folder) fail(2, "--fix on a zip needs --out <patched.zip>", USAGE);
  for (const s of project.skipped) printLine(`skipped ${s.path}: ${s.reason}`);
  printDiscovery(discover(project.files));
  // Under an organization policy (--policy or SIDECAR_POLICY) the project is also judged by its rules.
  const policyFile = values.policy ?? process.env.SIDECAR_POLICY;
  const policy = policyFile ? (await readPolicyFile(policyFile)).policy : undefined;
  const checks = policy ? [...CHECKS, policyCheck(policy)] : CHECKS;
  const report = runDiagnostics(project.files, undefined, { fix: Boolean(values.fix), checks });
  printFindings(report);
  if (values.out) {
    writeFileSync(resolve(values.out), await patchedZip(project, report.files));
    for (const r of refusedWrites(project, report.changed)) printLine(`${r.path}: ${r.reason}`);
    print(`wrote ${resolve(values.out)} (${report.changed.length} files changed)`);
  } else if (values.fix) {
    writeBack(input, report);
  }
  process.exit(report.counts.error > 0 ? 1 : 0);
}

main().catch((error) => {
  if (error instanceof UploadError || error instanceof PolicyFileError) fail(2, error.message);
  fail(1, (error as Error).stack ?? String(error));
});
