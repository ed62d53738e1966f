/**
 * A throwaway Redis for the configs that keep rate-limit counters there:
 * Debian's redis-server on a free loopback port, nothing written to disk,
 * stopped with the run however it ends.
 */
import { freePort } from "../support/free-port";
import { mustRun, startService, tail, waitFor, type Service } from "./processes";

export type RedisServer = {
  url: string;
  port: number;
  /** Runs one redis-cli command against it and returns its output. */
  command: (...args: string[]) => Promise<string>;
  stop: () => Promise<void>;
  service: Service;
};

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const service = startService("redis-server", "redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    cwd: "/tmp",
  });
  const command = async (...args: string[]) =>
    (await mustRun("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], { cwd: "/tmp", timeoutMs: 10_000 })).output.trim();
  await waitFor(`redis-server on port ${port}`, async () => (await command("PING")) === "PONG", 15_000, service).catch((error) => {
    throw new Error(`${(error as Error).message}\n${tail(service.log(), 20)}`);
  });
  return { url: `redis://127.0.0.1:${port}`, port, command, stop: service.stop, service };
}

/**
 * Deletes the rate-limit counters kept under `keyPrefix` (better-auth names
 * them `<address>|<path>`), keeping the session copies: an auth server started
 * on this Redis then counts from zero, as a fresh process does with memory storage.
 */
export async function forgetRateLimits(redis: RedisServer, keyPrefix: string): Promise<void> {
  const keys = (await redis.command("--scan", "--pattern", `${keyPrefix}*|*`)).split("\n").filter(Boolean);
  if (keys.length > 0) await redis.command("DEL", ...keys);
}
