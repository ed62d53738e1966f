/**
 * Playwright global setup for e2e/browser: builds the app (unless
 * SIDECAR_SKIP_BUILD=1 and a build exists), starts it on a free port and
 * publishes the address as SIDECAR_BASE_URL for the tests' baseURL. Returns the
 * teardown that stops it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { buildApp, ROOT, startApp, TEST_DIST_DIR } from "./server";

export default async function globalSetup() {
  const reuse = process.env.SIDECAR_SKIP_BUILD === "1" && existsSync(join(ROOT, TEST_DIST_DIR, "BUILD_ID"));
  if (!reuse) buildApp();
  const server = await startApp();
  process.env.SIDECAR_BASE_URL = server.url;
  return async () => server.stop();
}
