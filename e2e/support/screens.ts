/**
 * Screenshots kept after a run, in test-results/screens/: Playwright empties
 * its own output folder at every run, and these pictures are what a reader of
 * the project looks at without running it (the wizard's system picture, the
 * doctor before and after a fix, the wizard on a phone).
 */
import { join } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { ROOT } from "./server";

const SCREENS_DIR = join(ROOT, "test-results/screens");

/** Saves a screenshot of one element, or of the page (whole unless `firstScreen`), under SCREENS_DIR. */
export async function saveScreen(target: Page | Locator, name: string, { firstScreen = false } = {}): Promise<void> {
  const path = join(SCREENS_DIR, name);
  if ("goto" in target) await target.screenshot({ path, fullPage: !firstScreen });
  else await target.screenshot({ path });
}
