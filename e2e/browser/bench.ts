/**
 * `npm run bench`: the wizard's performance figures against its budgets,
 * printed, never asserted (timings vary by machine).
 *
 *   - first-load JS of `/`, gzipped            budget 150 kB
 *     (every script loaded until the network is idle; what the first
 *     interaction loads after that, the worker's scripts, is listed apart)
 *   - full-project render in the worker, median budget 20 ms
 *   - config change → preview updated, median   budget 100 ms (performance marks read in Chromium)
 *
 * Builds the app into its own folder (SIDECAR_SKIP_BUILD=1 reuses a build) and
 * starts it on a free port.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "@playwright/test";
import { DEFAULT_CONFIG } from "../../lib/config/schema";
import { buildProject } from "../../lib/pipeline";
import { chromiumLaunchOptions } from "../support/chromium";
import { buildApp, ROOT, startApp, TEST_DIST_DIR } from "../support/server";

const RUNS = 30;
const MEASURE = "sidecar:config-to-preview";
const WORKER_MARK = "sidecar:worker-render";

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function line(name: string, value: string, budget: string, ok: boolean) {
  console.log(`${name.padEnd(44)} ${value.padStart(10)}   budget ${budget.padEnd(8)} ${ok ? "within" : "OVER"}`);
}

type LoadedScript = { path: string; loadedBy: "page" | "page, later" | "worker"; gzipped: number; onInteraction: boolean };

/**
 * Every script a first visit to `/` downloads until the network is idle: the
 * page's own, the chunks it imports lazily and, should it start then, the
 * worker's script and its chunks, each gzipped once (a script fetched by both
 * the page and the worker comes from the cache the second time). Then a first
 * interaction (a click into the form) and what it loads until idle again.
 */
async function firstLoadJs(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const html = await (await fetch(`${url}/`)).text();
  // Legacy polyfills are `noModule`: browsers that run the wizard never download them.
  const inHtml = new Set(
    [...html.matchAll(/<script([^>]*)>/g)]
      .filter(([, attributes]) => !/nomodule/i.test(attributes))
      .map(([, attributes]) => attributes.match(/src="([^"]+)"/)?.[1])
      .filter((src): src is string => Boolean(src)),
  );
  const scripts = new Map<string, Promise<LoadedScript>>();
  let onInteraction = false;
  context.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (!path.endsWith(".js") || scripts.has(path)) return;
    // Requests of a dedicated worker reach Playwright with no frame and type "other".
    const loadedBy = inHtml.has(path) ? "page" : response.request().resourceType() === "script" ? "page, later" : "worker";
    scripts.set(
      path,
      response.body().then((body) => ({ path, loadedBy, onInteraction, gzipped: gzipSync(body, { level: 9 }).length })),
    );
  });
  await page.goto(url);
  await page
    .getByTestId("file-count")
    .filter({ hasText: /\d+ files/ })
    .waitFor();
  await page.waitForLoadState("networkidle");
  onInteraction = true;
  await page.getByLabel("Project name").click();
  // The worker's first render (of the unchanged defaults) shows it has loaded.
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, WORKER_MARK);
  await page.waitForLoadState("networkidle");
  const loaded = (await Promise.all(scripts.values())).sort((a, b) => b.gzipped - a.gzipped);
  await context.close();
  const kB = (list: LoadedScript[]) => list.reduce((sum, s) => sum + s.gzipped, 0) / 1000;
  const first = loaded.filter((s) => !s.onInteraction);
  const later = loaded.filter((s) => s.onInteraction);
  return { kB: kB(first), scripts: first, interactionKB: kB(later), interactionScripts: later };
}

function listScripts(scripts: LoadedScript[]) {
  for (const script of scripts) {
    console.log(`${"".padEnd(6)}${`${(script.gzipped / 1000).toFixed(1)} kB`.padStart(9)}  ${script.loadedBy.padEnd(12)} ${script.path}`);
  }
}

async function measurementsCount(page: Page) {
  return page.evaluate((name) => performance.getEntriesByName(name).length, MEASURE);
}

/** Alternates JWT and database lookup RUNS times, waiting for each preview, and reads the marks. */
async function previewTimings(page: Page) {
  await page.getByRole("button", { name: "5. Session validation" }).click();
  const options = [page.getByRole("radio", { name: /^Database lookup/ }), page.getByRole("radio", { name: /^JWT via/ })];
  for (let i = 0; i < RUNS; i++) {
    const before = await measurementsCount(page);
    await options[i % 2].check();
    await page.waitForFunction(([name, n]) => performance.getEntriesByName(name as string).length > n, [MEASURE, before] as const);
  }
  return page.evaluate(
    ([measure, mark]) => ({
      latency: performance.getEntriesByName(measure).map((e) => e.duration),
      worker: performance.getEntriesByName(mark).map((e) => (e as PerformanceMark).detail as number),
    }),
    [MEASURE, WORKER_MARK] as const,
  );
}

function nodeRenderMedian() {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    buildProject(DEFAULT_CONFIG);
    times.push(performance.now() - started);
  }
  return median(times);
}

async function main() {
  const reuse = process.env.SIDECAR_SKIP_BUILD === "1" && existsSync(join(ROOT, TEST_DIST_DIR, "BUILD_ID"));
  if (!reuse) {
    console.log("building…");
    buildApp();
  }
  const server = await startApp();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const js = await firstLoadJs(browser, server.url);
    const page = await browser.newPage();
    await page.goto(server.url);
    await page
      .getByTestId("file-count")
      .filter({ hasText: /\d+ files/ })
      .waitFor();
    const { latency, worker } = await previewTimings(page);
    // The first render after load includes compiling the generator; the steady state is what editing feels like.
    const steadyWorker = worker.slice(1);

    console.log(`\nSidecar wizard benchmarks (${RUNS} config changes in Chromium)\n`);
    line("first-load JS of / (gzipped)", `${js.kB.toFixed(1)} kB`, "150 kB", js.kB <= 150);
    listScripts(js.scripts);
    console.log(`${"then on the first interaction (gzipped)".padEnd(44)} ${`${js.interactionKB.toFixed(1)} kB`.padStart(10)}`);
    listScripts(js.interactionScripts);
    line("worker render, full project (median)", `${median(steadyWorker).toFixed(2)} ms`, "20 ms", median(steadyWorker) <= 20);
    console.log(
      `${"".padEnd(44)} min ${Math.min(...steadyWorker).toFixed(2)} ms, max ${Math.max(...steadyWorker).toFixed(2)} ms, first ${worker[0]?.toFixed(2)} ms`,
    );
    line("config change → preview updated (median)", `${median(latency).toFixed(1)} ms`, "100 ms", median(latency) <= 100);
    console.log(`${"".padEnd(44)} min ${Math.min(...latency).toFixed(1)} ms, max ${Math.max(...latency).toFixed(1)} ms (includes the 30 ms debounce)`);
    console.log(`${"buildProject in Node (median, reference)".padEnd(44)} ${`${nodeRenderMedian().toFixed(2)} ms`.padStart(10)}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
