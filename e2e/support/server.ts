/**
 * A production Next.js server for tests and benchmarks: built into its own
 * dist folder (so it never disturbs a developer's `next dev`), started on a
 * free port, stopped when the run ends.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./free-port";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/**
 * Relative to ROOT; read by next.config.mjs. Inside .cache/, which git ignores.
 * SIDECAR_TEST_DIST_DIR gives a run a folder of its own (two runs building into one folder collide).
 */
export const TEST_DIST_DIR = process.env.SIDECAR_TEST_DIST_DIR ?? ".cache/next-test";

const NEXT_BIN = `${ROOT}node_modules/next/dist/bin/next`;
// SIDECAR_STANDALONE: the build also holds the container's self-contained server (startStandalone), beside what `next start` serves.
const env = () => ({ ...process.env, SIDECAR_DIST_DIR: TEST_DIST_DIR, SIDECAR_STANDALONE: "1", NEXT_TELEMETRY_DISABLED: "1" });

/** `next build` into TEST_DIST_DIR (after embedding the templates); throws with the build log on failure. */
export function buildApp(): void {
  for (const [cmd, args] of [
    ["node", ["scripts/embed-templates.mjs"]],
    ["node", [NEXT_BIN, "build"]],
  ] as const) {
    const result = spawnSync(cmd, args, { cwd: ROOT, env: env(), encoding: "utf8", maxBuffer: 64 << 20 });
    if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

export type RunningServer = { url: string; pid: number; stop: () => Promise<void> };

/** Starts `next start` on a free port (with `settings` added to its environment) and resolves once it answers HTTP. */
export async function startApp(settings: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  return startServer("next start", [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], ROOT, port, settings);
}

/**
 * Starts the standalone server the Dockerfile runs (`node server.js`), laid
 * out as the image lays it out: the static files and public/ copied beside it.
 */
export async function startStandalone(settings: Record<string, string> = {}): Promise<RunningServer> {
  const dir = join(ROOT, TEST_DIST_DIR, "standalone");
  cpSync(join(ROOT, TEST_DIST_DIR, "static"), join(dir, TEST_DIST_DIR, "static"), { recursive: true });
  cpSync(join(ROOT, "public"), join(dir, "public"), { recursive: true });
  const port = await freePort();
  return startServer("the standalone server", [join(dir, "server.js")], dir, port, {
    NODE_ENV: "production",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    ...settings,
  });
}

async function startServer(name: string, args: string[], cwd: string, port: number, settings: Record<string, string>): Promise<RunningServer> {
  const child = spawn("node", args, { cwd, env: { ...env(), ...settings }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(name, url, child, () => log);
  return { url, pid: child.pid!, stop: () => stopChild(child) };
}

async function waitUntilUp(name: string, url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stopChild(child);
  throw new Error(`${name} did not answer within 60 s:\n${log()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
