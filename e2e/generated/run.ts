/**
 * `npm run test:generated`: proves that what Sidecar generates works, by
 * generating every config of the pairwise set, installing once, and running
 * each project against a throwaway PostgreSQL, PgBouncer and SMTP server.
 *
 * Environment: E2E_CONFIGS=e2e-c1,e2e-c3 runs a subset; E2E_KEEP=1 keeps the
 * generated projects (they are kept anyway when something fails).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeConfig, e2eConfigs } from "./configs";
import { installNodeRuntime, installNodeUnion, installPythonUnion, NODE_RELEASES } from "./deps";
import { faultMatrix, faultTable } from "./faults";
import { missingPairs } from "./pairwise";
import { sent } from "./http";
import { startCluster } from "./postgres";
import { createSchemaEngineStandIn } from "./prisma";
import { freePort } from "../support/free-port";
import { onCleanup, runEntryPoint, tail } from "./processes";
import { ConfigReport, formatDuration, StepFailed, summaryTable } from "./report";
import { writeProject, type RunContext } from "./project";
import { runConfig } from "./scenario";
import { startRedis } from "./redis";
import { startMailCapture } from "./smtp";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CACHE = join(ROOT, ".cache", "generated-e2e");

function selectedConfigs() {
  const all = e2eConfigs();
  const wanted = process.env.E2E_CONFIGS?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!wanted?.length) return all;
  const unknown = wanted.filter((name) => !all.some((c) => c.projectName === name));
  if (unknown.length) throw new Error(`E2E_CONFIGS names unknown configs: ${unknown.join(", ")}`);
  return all.filter((c) => wanted.includes(c.projectName));
}

async function main(): Promise<number> {
  const started = Date.now();
  const gaps = missingPairs(e2eConfigs());
  if (gaps.length) throw new Error(`the config set is not pairwise covering:\n${gaps.join("\n")}`);
  const configs = selectedConfigs();
  const workDir = mkdtempSync(join(tmpdir(), "sidecar-e2e-projects-"));
  // Removed however the run ends (Ctrl-C included), unless kept below for a look at a failure.
  const keepWorkDir = onCleanup(() => rmSync(workDir, { recursive: true, force: true }));
  mkdirSync(CACHE, { recursive: true });
  console.log(`generated-project e2e: ${configs.length} configs in ${workDir}`);

  // Generate every project of the set first (also when running a subset, so
  // the cache key stays the same): the shared installs are their union.
  const manifestDir = mkdtempSync(join(tmpdir(), "sidecar-e2e-manifests-"));
  onCleanup(() => rmSync(manifestDir, { recursive: true, force: true }));
  const manifests = e2eConfigs().map((c) => writeProject(manifestDir, c));
  const node = await installNodeUnion(
    CACHE,
    manifests.map((dir) => join(dir, "auth-server", "package.json")),
  );
  console.log(`auth-server dependencies: ${node.status} in ${formatDuration(node.ms)} (${node.dir})`);
  const venv = await installPythonUnion(
    CACHE,
    manifests.map((dir) => join(dir, "backend", "requirements.txt")),
  );
  console.log(`backend virtualenv: ${venv.status} in ${formatDuration(venv.ms)} (${venv.dir})`);

  const nodeBins = { "24": await installNodeRuntime(CACHE, "24"), "22": await installNodeRuntime(CACHE, "22") };
  console.log(`auth servers run on Node.js ${Object.values(NODE_RELEASES).join(" and ")} (${Object.values(nodeBins).join(", ")})`);

  const cluster = await startCluster();
  console.log(`PostgreSQL on 127.0.0.1:${cluster.port}, PgBouncer (transaction pooling) on 127.0.0.1:${cluster.bouncerPort}`);
  const mail = await startMailCapture();
  console.log(`SMTP capture at ${mail.url}`);
  const redis = await startRedis();
  console.log(`Redis at ${redis.url}`);
  const ctx: RunContext = {
    cluster,
    mail,
    redis,
    node,
    nodeBins,
    venv,
    workDir,
    tsxLoader: import.meta.resolve("tsx"),
    schemaEngineStandIn: createSchemaEngineStandIn(workDir),
  };

  const results: { report: ConfigReport; description: string }[] = [];
  const withFaults = faultMatrix(e2eConfigs());
  const faultTables: string[] = [];
  for (const config of configs) {
    const description = describeConfig(config);
    console.log(`\n▶ ${config.projectName}: ${description}`);
    const report = new ConfigReport(config.projectName);
    const requestsBefore = sent.requests;
    results.push({ report, description });
    try {
      const faults = withFaults.has(config.projectName);
      const observations = await runConfig(ctx, config, report, { auth: await freePort(), backend: await freePort(), frontend: await freePort() }, faults);
      if (observations.length) faultTables.push(faultTable(`${config.projectName} (${description})`, observations));
    } catch (error) {
      if (!(error instanceof StepFailed)) {
        report.abortedAt = "harness error";
        console.log(`  ✘ harness error: ${(error as Error).stack}`);
      }
    }
    report.finished = Date.now();
    report.httpRequests = sent.requests - requestsBefore;
    console.log(
      `  ${report.passed ? "PASS" : "FAIL"} ${config.projectName} in ${formatDuration(report.ms)}: ${report.httpRequests} HTTP requests; ` +
        `${report.count("request", true)} request checks passed, ${report.count("request", false)} failed`,
    );
  }

  const allPassed = results.every(({ report }) => report.passed);
  if (!allPassed) console.log(`\nPostgreSQL/PgBouncer log (last lines):\n${tail(cluster.logs(), 30)}`);
  if (!allPassed || process.env.E2E_KEEP) {
    keepWorkDir();
    console.log(`\ngenerated projects kept in ${workDir}`);
  }
  for (const table of faultTables) console.log(`\n${table}`);
  console.log(`\n${summaryTable(results, Date.now() - started)}`);
  return allPassed ? 0 : 1;
}

runEntryPoint("generated-project e2e", main);
