/**
 * A burst on the HTTP API: 200 concurrent POSTs from ten clients (behind a
 * trusted proxy, so X-Forwarded-For tells them apart) against a server of its
 * own. The other pages keep answering, refusals carry Retry-After, and the
 * figures (latency of GET /doctor during the burst, the server's memory) are
 * printed, not asserted.
 */
import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "../support/fixtures";
import { startApp, type RunningServer } from "../support/server";

const BURST = 200;
const CLIENTS = 10;
const PER_CLIENT_LIMIT = 10;

let server: RunningServer;

test.beforeAll(async () => {
  server = await startApp({ SIDECAR_TRUSTED_PROXIES: "127.0.0.1", SIDECAR_API_RATE_LIMIT: String(PER_CLIENT_LIMIT) });
});

test.afterAll(async () => server?.stop());

/** Resident memory of a process and its descendants, in MB (next start may run the server in a child). */
function treeRssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number),
  );
  return kb / 1024 + children.reduce((sum, child) => sum + treeRssMb(child), 0);
}

async function timedGet(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

test("a burst of POSTs: other pages keep answering, every refusal says when to retry", async () => {
  test.setTimeout(180_000);
  await timedGet(`${server.url}/doctor`);
  const rssBefore = treeRssMb(server.pid);
  const idle = await timedGet(`${server.url}/doctor`);

  const body = JSON.stringify({ projectName: "burst" });
  const started = performance.now();
  const burst = Promise.all(
    Array.from({ length: BURST }, (_, i) =>
      fetch(`${server.url}/api/generate`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${i % CLIENTS}` },
      }).then(async (response) => ({
        status: response.status,
        retryAfter: response.headers.get("retry-after"),
        size: (await response.arrayBuffer()).byteLength,
      })),
    ),
  );
  const during: { status: number; ms: number }[] = [];
  let peakRss = rssBefore;
  let settled = false;
  void burst.finally(() => (settled = true));
  while (!settled || during.length < 3) {
    during.push(await timedGet(`${server.url}/doctor`));
    peakRss = Math.max(peakRss, treeRssMb(server.pid));
  }
  const responses = await burst;
  const burstMs = performance.now() - started;
  const rssAfter = treeRssMb(server.pid);

  const byStatus = Object.fromEntries(
    [...new Set(responses.map((r) => r.status))].sort().map((status) => [status, responses.filter((r) => r.status === status).length]),
  );
  const latencies = during.map((d) => d.ms).sort((a, b) => a - b);
  console.log(
    [
      `burst: ${BURST} POST /api/generate from ${CLIENTS} clients in ${burstMs.toFixed(0)} ms; answers ${JSON.stringify(byStatus)}`,
      `GET /doctor idle ${idle.ms.toFixed(0)} ms; during the burst (${during.length} requests) median ${percentile(latencies, 0.5).toFixed(0)} ms, p90 ${percentile(latencies, 0.9).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`,
      `server RSS: before ${rssBefore.toFixed(0)} MB, peak ${peakRss.toFixed(0)} MB, after ${rssAfter.toFixed(0)} MB`,
    ].join("\n"),
  );

  expect(during.every((d) => d.status === 200)).toBe(true);
  expect(responses.every((r) => [200, 429, 503].includes(r.status))).toBe(true);
  // No client got more than its allowance; the rest were told when to come back.
  expect(byStatus[200] ?? 0).toBeGreaterThan(0);
  expect(byStatus[200] ?? 0).toBeLessThanOrEqual(CLIENTS * PER_CLIENT_LIMIT);
  expect(byStatus[429]).toBe(BURST - CLIENTS * PER_CLIENT_LIMIT);
  for (const refused of responses.filter((r) => r.status !== 200)) expect(Number(refused.retryAfter)).toBeGreaterThan(0);
  for (const zip of responses.filter((r) => r.status === 200)) expect(zip.size).toBeGreaterThan(10_000);
});
