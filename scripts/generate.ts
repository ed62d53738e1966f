/**
 * The Sidecar CLI: the same generator as the website.
 *
 *   npm run generate -- --config <file.json> --out <file.zip>
 *   npm run generate -- --config <file.json> --dir <folder>
 *
 * Exit codes: 0 done, 1 I/O failure, 2 invalid arguments or configuration.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseConfig } from "../lib/config/schema";
import { buildProject } from "../lib/pipeline";
import { zipProject } from "../lib/zip";

const USAGE = "usage: npm run generate -- --config <file.json> (--out <file.zip> | --dir <folder>)";

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
      options: { config: { type: "string" }, out: { type: "string" }, dir: { type: "string" } },
      strict: true,
    }));
  } catch (error) {
    fail(2, (error as Error).message, USAGE);
  }
  if (!values.config || (!values.out && !values.dir)) fail(2, USAGE);

  const parsed = parseConfig(readConfigFile(values.config));
  if (!parsed.ok) {
    fail(2, `${values.config} is not a valid Sidecar configuration:`, ...parsed.problems.map((p) => `  ${p.path}: ${p.message}`));
  }
  const { files } = buildProject(parsed.config);

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
    }
    console.log(`wrote ${files.length} files to ${dir}`);
  }
}

main().catch((error) => fail(1, (error as Error).stack ?? String(error)));
