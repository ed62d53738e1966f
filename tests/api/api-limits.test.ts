/** The HTTP API's guards: who a client is, how often it may ask, how much work may wait. */
import assert from "node:assert/strict";
import { Worker } from "node:worker_threads";
import { describe, it } from "node:test";
import JSZip from "jszip";
import { clientAddress, trustedProxiesFrom } from "../../lib/api/client-address";
import { GeneratorPool } from "../../lib/api/pool";
import { ClientRateLimit } from "../../lib/api/rate-limit";

/** The pool's worker under tsx: Node's worker threads do not inherit the TypeScript loader. */
const WORKER = new URL("../../lib/api/generate.worker.ts", import.meta.url).href;
const startTsxWorker = () =>
  new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); })`, { eval: true });

describe("clientAddress", () => {
  const proxies = trustedProxiesFrom(" 10.0.0.1, ::1 ");

  it("is the socket's address when no trusted proxy is configured, whatever the client claims", () => {
    assert.equal(clientAddress("203.0.113.7", "198.51.100.1", new Set()), "203.0.113.7");
    assert.equal(clientAddress("::ffff:203.0.113.7", null, new Set()), "203.0.113.7");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    assert.equal(clientAddress("203.0.113.7", "198.51.100.1", proxies), "203.0.113.7");
  });

  it("behind trusted proxies, takes the rightmost address that is not one of them", () => {
    assert.equal(clientAddress("10.0.0.1", "198.51.100.1", proxies), "198.51.100.1");
    // A client-written first hop is skipped: the proxy appended the real address after it.
    assert.equal(clientAddress("::ffff:10.0.0.1", "1.1.1.1, 198.51.100.1, ::1", proxies), "198.51.100.1");
    assert.equal(clientAddress("10.0.0.1", null, proxies), "10.0.0.1");
  });
});

describe("ClientRateLimit", () => {
  it("allows max requests per window per client, then answers with the seconds left", () => {
    let now = 1_000_000;
    const limit = new ClientRateLimit(3, 60, 100, () => now);
    for (let i = 0; i < 3; i++) assert.deepEqual(limit.take("a"), { allowed: true });
    now += 15_500;
    assert.deepEqual(limit.take("a"), { allowed: false, retryAfterSeconds: 45 });
    assert.deepEqual(limit.take("b"), { allowed: true });
    now += 45_000;
    assert.deepEqual(limit.take("a"), { allowed: true });
  });

  it("keeps its table of clients bounded under a flood of addresses", () => {
    const limit = new ClientRateLimit(1, 60, 50, () => 0);
    for (let i = 0; i < 10_000; i++) limit.take(`client-${i}`);
    assert.ok((limit as unknown as { windows: Map<string, unknown> }).windows.size <= 50);
  });
});

describe("GeneratorPool", () => {
  it("generates in worker threads and refuses work beyond its queue", async () => {
    const pool = new GeneratorPool({ workers: 1, queue: 2, startWorker: startTsxWorker });
    const body = JSON.stringify({ projectName: "pooled" });
    const accepted = [0, 1, 2].map(() => pool.run({ method: "POST", body }));
    assert.ok(accepted.every(Boolean));
    assert.equal(pool.run({ method: "POST", body }), null, "a fourth job neither runs nor waits");
    const results = await Promise.all(accepted.map((job) => job!));
    for (const result of results) {
      assert.ok(result.ok);
      const zip = await JSZip.loadAsync(result.bytes);
      assert.ok(zip.file("pooled/README.md"));
    }
    const refused = await pool.run({ method: "POST", body: JSON.stringify({ cors: { origins: ["http://[0::1]"] } }) })!;
    assert.deepEqual(refused.ok ? null : refused.problems.map((p) => p.path), ["cors.origins.0"]);
  });

  it("fails the job of a worker that dies and starts a fresh one for the next", async () => {
    let started = 0;
    // The first worker crashes on its first job, as an out-of-memory or a bug would.
    const startWorker = () =>
      started++ === 0 ? new Worker("require('node:worker_threads').parentPort.on('message', () => process.exit(3))", { eval: true }) : startTsxWorker();
    const pool = new GeneratorPool({ workers: 1, queue: 1, startWorker });
    await assert.rejects(pool.run({ method: "GET", search: "?v=1" })!, /exited with code 3/);
    const next = await pool.run({ method: "GET", search: "?v=1" })!;
    assert.ok(next.ok);
    assert.equal(started, 2);
  });
});
