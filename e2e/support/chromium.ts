/**
 * Debian's Chromium, driven through playwright-core: Playwright's own browser
 * builds cannot be downloaded on these machines, so every browser test and
 * benchmark launches /usr/bin/chromium with the flags it needs to run headless
 * as root without reaching out to the network.
 */
import type { LaunchOptions } from "@playwright/test";

const CHROMIUM_PATH = process.env.SIDECAR_CHROMIUM ?? "/usr/bin/chromium";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
};
