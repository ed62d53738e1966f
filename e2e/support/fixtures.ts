/**
 * What a browser test imports instead of @playwright/test: the same `test` and
 * `expect`, plus helpers shared by every browser suite.
 *
 *   import { test, expect, expectNoSeriousA11yViolations } from "../support/fixtures";
 *
 * The browser (Debian's Chromium) and the base URL (a server started by
 * global-setup.ts) come from e2e/browser/playwright.config.ts, so
 * `page.goto("/doctor")` works in any test under e2e/browser/.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export { expect };

type Fixtures = {
  /** Errors thrown in the page and console errors, collected for the test to assert on. */
  pageErrors: string[];
};

export const test = base.extend<Fixtures>({
  // global-setup publishes the server's address after the config was first read.
  baseURL: async ({}, use) => use(process.env.SIDECAR_BASE_URL),
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await use(errors);
  },
});

/**
 * Opens the wizard and waits until the form is live and holds the visit's configuration (the server paints the
 * form and a preview before that). A plain visit makes the form live on the first interaction with it: a pointer
 * passing over it stands for that, sent again until the page listens.
 */
export async function openForm(page: Page, path = "/"): Promise<void> {
  await page.goto(path);
  const live = page.locator("main[data-loaded=true]");
  await expect(async () => {
    if (!(await live.count())) await page.locator("main").dispatchEvent("pointerover");
    await expect(live).toBeVisible({ timeout: 1_000 });
  }).toPass();
}

/** Opens the wizard and waits until the form holds the visit's configuration and the preview lists its files. */
export async function openWizard(page: Page, path = "/"): Promise<void> {
  await openForm(page, path);
  await expect(page.getByTestId("file-count")).toContainText(/\d+ files/);
}

/** Runs axe-core on the page and fails on any serious or critical violation, naming each. */
export async function expectNoSeriousA11yViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `accessibility violations on ${where}`).toEqual([]);
}
