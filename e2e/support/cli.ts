/** The Sidecar CLI, run as users run it, for comparing its output with the browser's and the API's. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ROOT } from "./server";

function runCli(config: unknown, outArgs: (dir: string) => string[], inputArgs: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), "sidecar-cli-"));
  const configPath = join(dir, "config.json");
  writeFileSync(configPath, JSON.stringify(config));
  const result = spawnSync("node", ["--import", "tsx", "scripts/generate.ts", ...inputArgs, "--config", configPath, ...outArgs(dir)], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the CLI failed (${result.status}):\n${result.stderr}`);
  }
  return dir;
}

/** `npm run generate -- [--existing <app folder or zip> [--app <folder inside it>]] --config <config> --out x.zip`: the zip's bytes. */
export function cliZip(config: unknown, existingApp?: string, appPath?: string): Buffer {
  const input = existingApp ? ["--existing", existingApp, ...(appPath ? ["--app", appPath] : [])] : [];
  const dir = runCli(config, (d) => ["--out", join(d, "project.zip")], input);
  try {
    return readFileSync(join(dir, "project.zip"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run generate -- --config <config> --dir out/`: every file, by path. */
export function cliFiles(config: unknown): Map<string, string> {
  const dir = runCli(config, (d) => ["--dir", join(d, "out")]);
  try {
    const root = join(dir, "out");
    const files = new Map<string, string>();
    const walk = (folder: string) => {
      for (const name of readdirSync(folder)) {
        const path = join(folder, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.set(relative(root, path), readFileSync(path, "utf8"));
      }
    };
    walk(root);
    return files;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
