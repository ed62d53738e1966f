/**
 * Child processes for the end-to-end run: each in its own process group so
 * stopping it also stops what it started (npm → sh → node), with its output
 * kept for the report when something fails. Everything started here is
 * registered for cleanup, which also runs on SIGINT/SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";

export type RunResult = { code: number | null; output: string; ms: number };

class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
  ) {
    super(`${command} exited with ${result.code}\n${tail(result.output)}`);
  }
}

/** The last lines of a log: enough to see the failure without flooding the report. */
export function tail(text: string, lines = 60): string {
  const all = text.trimEnd().split("\n");
  return (all.length > lines ? [`… (${all.length - lines} earlier lines)`, ...all.slice(-lines)] : all).join("\n");
}

const cleanups = new Set<() => Promise<void> | void>();

/** Registers work to run when the harness ends, however it ends; returns a function that unregisters it. */
export function onCleanup(fn: () => Promise<void> | void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/**
 * Runs an e2e entry point: exits with the code `main` returns, or 1 when it
 * throws (naming `what`), and on Ctrl-C or SIGTERM with 130; the registered
 * cleanups (services, clusters, folders) run first in every case.
 */
export function runEntryPoint(what: string, main: () => Promise<number>): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping services and removing what the run made`);
      void runCleanups().then(() => process.exit(130));
    });
  }
  main()
    .then(async (code) => {
      await runCleanups();
      process.exit(code);
    })
    .catch(async (error: unknown) => {
      console.error(`${what} failed: ${(error as Error).stack ?? String(error)}`);
      await runCleanups();
      process.exit(1);
    });
}

/** Runs every registered cleanup, newest first, each once. */
export async function runCleanups(): Promise<void> {
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    try {
      await fn();
    } catch (error) {
      console.error(`cleanup failed: ${(error as Error).message}`);
    }
  }
}

export type SpawnOptions = { cwd: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number; timeoutMs?: number };

/** Runs a command to completion (killed after timeoutMs), output interleaved as it would appear in a terminal. */
export function run(command: string, args: string[], options: SpawnOptions): Promise<RunResult> {
  const started = Date.now();
  const child = startGroup(command, args, options);
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(
    () => {
      output += `\n[killed after ${options.timeoutMs} ms]\n`;
      killGroup(child, "SIGKILL");
    },
    options.timeoutMs ?? 10 * 60_000,
  );
  const unregister = onCleanup(() => killGroup(child, "SIGKILL"));
  return new Promise((resolve) => {
    child.on("error", (error) => (output += `\n${error.message}\n`));
    child.on("close", (code) => {
      clearTimeout(timer);
      unregister();
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

/** Like run, but throws CommandError unless the command exits 0. */
export async function mustRun(command: string, args: string[], options: SpawnOptions): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new CommandError(`${command} ${args.join(" ")}`, result);
  return result;
}

export type Service = {
  name: string;
  child: ChildProcess;
  /** Everything the service printed so far. */
  log: () => string;
  exited: () => boolean;
  stop: () => Promise<void>;
};

/** Starts a long-running process; stop() sends SIGTERM to its group, then SIGKILL after 5 s. */
export function startService(name: string, command: string, args: string[], options: SpawnOptions): Service {
  const child = startGroup(command, args, options);
  let output = "";
  let exited = false;
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  child.on("error", (error) => (output += `\n${error.message}\n`));
  const closed = new Promise<void>((resolve) =>
    child.on("exit", (code, signal) => {
      exited = true;
      output += `\n[${name} exited: ${signal ?? code}]\n`;
      resolve();
    }),
  );
  const stop = async () => {
    unregister();
    if (exited) return;
    killGroup(child, "SIGTERM");
    const killer = setTimeout(() => killGroup(child, "SIGKILL"), 5000);
    await closed;
    clearTimeout(killer);
    // Children that ignored SIGTERM after their parent left.
    killGroup(child, "SIGKILL");
  };
  const unregister = onCleanup(stop);
  return { name, child, log: () => output, exited: () => exited, stop };
}

function startGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  return spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    uid: options.uid,
    gid: options.gid,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns true or the service dies or time runs out. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, service?: Service): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service?.exited()) throw new Error(`${service.name} exited while waiting for ${what}`);
    if (await probe().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
