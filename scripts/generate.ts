/**
 * The Sidecar CLI: the same generator as the website.
 *
 *   npm run generate -- --config <file.json> --out <file.zip>
 *   npm run generate -- --config <file.json> --dir <folder>
 *   npm run generate -- --existing <folder|app.zip> [--config <file.json>] [--app <path inside the upload>]
 *                       (--dir <folder> | --out <file.zip> | --dry-run)
 *
 * With --existing, auth is added to that FastAPI app: the output holds
 * auth-server/, backend/ (the app with the change), sidecar.patch and the
 * docs; --dry-run prints what discovery found and the patch, writing nothing.
 *
 * Exit codes: 0 done, 1 I/O failure, 2 invalid arguments or configuration.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseConfig, type Config } from "../lib/config/schema";
import { generateProject } from "../lib/generate";
import { UploadError } from "../lib/doctor/limits";
import { integrateApp } from "../lib/integrate";
import { zipProject, type ArchiveFile } from "../lib/zip";
import { readAppUpload } from "./app-upload";

const USAGE = [
  "usage: npm run generate -- --config <file.json> (--out <file.zip> | --dir <folder>)",
  "       npm run generate -- --existing <folder|app.zip> [--config <file.json>] [--app <path>] (--out <file.zip> | --dir <folder> | --dry-run)",
].join("\n");

function fail(code: number, ...lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(code);
}

function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    fail(2, `Cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    fail(2, `${path} is not valid JSON: ${(error as Error).message}`);
  }
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        config: { type: "string" },
        out: { type: "string" },
        dir: { type: "string" },
        existing: { type: "string" },
        app: { type: "string" },
        "dry-run": { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    fail(2, (error as Error).message, USAGE);
  }
  const dryRun = values["dry-run"] === true;
  if (values.existing === undefined && !values.config) fail(2, USAGE);
  if (!values.out && !values.dir && !(dryRun && values.existing !== undefined)) fail(2, USAGE);

  const input = values.config ? readConfigFile(values.config) : {};
  const parsed = parseConfig(values.existing === undefined ? input : { ...(input as object), projectType: "existing" });
  if (!parsed.ok) {
    fail(2, `${values.config} is not a valid Sidecar configuration:`, ...parsed.problems.map((p) => `  ${p.path}: ${p.message}`));
  }
  const files: ArchiveFile[] = values.existing === undefined ? generateProject(parsed.config) : await integrated(values.existing, parsed.config, values.app, dryRun);
  if (dryRun) return;

  if (values.out) {
    const out = resolve(values.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, await zipProject(parsed.config.projectName, files));
    console.log(`wrote ${files.length} files to ${out}`);
  }
  if (values.dir) {
    const dir = resolve(values.dir);
    for (const file of files) {
      const path = join(dir, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
      if ("mode" in file && file.mode !== undefined) chmodSync(path, file.mode);
    }
    console.log(`wrote ${files.length} files to ${dir}`);
  }
}

/** The integrated app's files; exit 2 with every reason when it cannot be integrated, before anything is written. */
async function integrated(upload: string, config: Config, appPath: string | undefined, dryRun: boolean): Promise<ArchiveFile[]> {
  let app;
  try {
    app = await readAppUpload(upload);
  } catch (error) {
    if (error instanceof UploadError) fail(2, `Cannot read ${upload}: ${error.message}`);
    throw error;
  }
  const result = integrateApp(app, config, { appPath });
  const findings = result.discovery?.findings ?? [];
  for (const finding of findings) console.log(`  ${`${finding.file}:${finding.line}`.padEnd(40)} ${finding.message}`);
  if (!result.ok) fail(2, `${upload} cannot be integrated:`, ...result.reasons.map((r) => `  - ${r}`));
  if (dryRun) {
    process.stdout.write(result.patch);
    console.log(`\n${result.changes.length} files: ${result.changes.map((c) => `${c.kind} ${c.path}`).join(", ")} (dry run: nothing written)`);
  }
  return result.files;
}

main().catch((error) => fail(1, (error as Error).stack ?? String(error)));
