/**
 * Browser tests: `npm run test:browser`. global-setup builds the app and
 * starts it on a free port; every test gets Debian's Chromium and that
 * server as baseURL. Artifacts (screenshots, traces of failures) go to
 * test-results/.
 */
import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "../support/chromium";

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  globalSetup: "../support/global-setup.ts",
  // SIDECAR_TEST_OUTPUT_DIR: a folder of its own for a run beside another (each run empties its folder first).
  outputDir: process.env.SIDECAR_TEST_OUTPUT_DIR ?? "../../test-results/browser",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: process.env.SIDECAR_BASE_URL,
    browserName: "chromium",
    launchOptions: chromiumLaunchOptions,
    trace: "retain-on-failure",
  },
});
