/**
 * Drives every part of Sidecar's pages that the Content-Security-Policy could
 * break (the render worker, the highlighter, the zip download, the theme
 * toggle, the doctor, the troubleshooter) and collects each violation the
 * browser reports, as events in the page and as console errors (workers included).
 */
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { openWizard } from "./fixtures";
import { ROOT } from "./server";

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Starts recording violations; call before the first navigation. Returns the live list. */
export async function recordCspViolations(page: Page): Promise<string[]> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window.__cspViolations ??= []).push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return console;
}

async function violationsInPage(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}

/** Uses each feature on `base` and fails naming every violation reported on the way. */
export async function exerciseEveryPage(page: Page, base: string): Promise<void> {
  const fromConsole = await recordCspViolations(page);
  const reported: string[] = [];

  await openWizard(page, `${base}/?v=1&n=csp-app`);
  await expect(page.locator("pre[data-highlighted=true]")).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Download zip/ }).click()]);
  expect(download.suggestedFilename()).toBe("csp-app.zip");
  const theme = await page.locator("html").getAttribute("data-theme");
  await page.getByRole("button", { name: "Dark mode" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", theme!);
  reported.push(...(await violationsInPage(page)));

  await page.goto(`${base}/doctor`);
  await page.getByTestId("doctor-folder").setInputFiles(join(ROOT, "tests/diagnostics/fixtures/clean"));
  await expect(page.getByTestId("doctor-counts")).toHaveText(/\d+ passed/);
  reported.push(...(await violationsInPage(page)));

  await page.goto(`${base}/troubleshoot`);
  await page.getByTestId("troubleshoot-input").fill('psycopg.errors.UndefinedTable: relation "user_sessions" does not exist');
  await expect(page.locator('[data-pattern="relation-missing"]')).toContainText("Cause:");
  reported.push(...(await violationsInPage(page)));

  expect([...reported, ...fromConsole], "Content-Security-Policy violations").toEqual([]);
}
