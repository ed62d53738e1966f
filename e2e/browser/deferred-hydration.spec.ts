/**
 * The wizard's code loads only when needed: a plain visit keeps the server's
 * form until the first interaction, and what the user does before the code
 * is live (clicks, typing) ends up in the form and the preview.
 */
import { gzipSync } from "node:zlib";
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";

// A string of react-hook-form's that survives minification: its chunk is the wizard's code.
const FORM_LIBRARY = "shouldUnregister";
const FIRST_LOAD_BUDGET = 150_000;
const CODE_DELAY_MS = 2_000;

/** The scripts the page's HTML names: everything else the page loads is loaded later. */
async function scriptsOfHtml(page: Page): Promise<Set<string>> {
  const html = await (await page.request.get("/")).text();
  return new Set([...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map(([, src]) => src));
}

/**
 * Holds back every script of the page's that the HTML does not name (the wizard's code among them), so a test can act
 * before the form is live. The worker's scripts (resource type "other") pass at once: held back, they never arrive.
 */
async function delayLaterScripts(page: Page) {
  const inHtml = await scriptsOfHtml(page);
  await page.route(/\.js$/, async (route) => {
    const request = route.request();
    if (request.resourceType() === "script" && !inHtml.has(new URL(request.url()).pathname)) await new Promise((resolve) => setTimeout(resolve, CODE_DELAY_MS));
    await route.continue();
  });
}

/** Opens `/` and waits until the page listens for the first interaction (it then asks whether a policy is served). */
async function openUntilListening(page: Page) {
  const asked = page.waitForRequest(/\/sidecar-policy\.json$/);
  await page.goto("/");
  await asked;
}

test("a plain visit loads none of the wizard's code until the first interaction, and its first load stays within budget", async ({ page }) => {
  const scripts = new Map<string, Promise<Buffer>>();
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.pathname.endsWith(".js") && !scripts.has(url.pathname)) scripts.set(url.pathname, response.body());
  });
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  const firstLoad = await Promise.all(scripts.values());
  expect(firstLoad.filter((body) => body.includes(FORM_LIBRARY))).toHaveLength(0);
  const gzipped = firstLoad.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
  expect(gzipped).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  await expect(page.locator("main[data-loaded=false]")).toBeVisible();

  await page.locator("main").hover();
  await expect(page.locator("main[data-loaded=true]")).toBeVisible();
  const later = await Promise.all([...scripts.values()].slice(firstLoad.length));
  expect(later.filter((body) => body.includes(FORM_LIBRARY))).toHaveLength(1);
});

test("a radio chosen and a step button pressed before the form is live count, in the form and the preview", async ({ page }) => {
  await delayLaterScripts(page);
  await openUntilListening(page);
  await page.getByRole("radio", { name: /^Existing FastAPI app/ }).click();
  await page.getByRole("button", { name: "2. PostgreSQL" }).click();
  // Held back, not lost: the browser's own toggle waits for the form.
  await expect(page.locator("main[data-loaded=false]")).toBeVisible();
  await expect(page.locator("main[data-loaded=true]")).toBeVisible();
  await expect(page.getByRole("button", { name: "2. PostgreSQL" })).toHaveAttribute("aria-current", "step");
  await expect(page.getByTestId("integration-no-app")).toBeVisible();
  await page.getByRole("button", { name: "1. Project" }).click();
  await expect(page.getByRole("radio", { name: /^Existing FastAPI app/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: /^New project/ })).not.toBeChecked();
});

test("text typed before the form is live keeps every character, and the preview and the link use it", async ({ page }) => {
  await delayLaterScripts(page);
  await openUntilListening(page);
  const name = page.getByLabel("Project name");
  const typed = "typed-early-app";
  await name.click();
  await name.press("ControlOrMeta+a");
  await name.pressSequentially(typed, { delay: 20 });
  await expect(page.locator("main[data-loaded=false]")).toBeVisible();
  await expect(name).toHaveValue(typed);

  await expect(page.locator("main[data-loaded=true]")).toBeVisible();
  await expect(name).toHaveValue(typed);
  await expect(name).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`n=${typed}`));
  await page.locator('[data-path="sidecar.json"]').click();
  await expect(page.getByLabel("Content of sidecar.json")).toContainText(`"projectName": "${typed}"`);
});

test("a link's visit makes the form live at once, with the link's answers", async ({ page }) => {
  await page.goto("/?v=1&n=linked-app");
  await expect(page.locator("main[data-loaded=true]")).toBeVisible();
  await expect(page.getByLabel("Project name")).toHaveValue("linked-app");
  await expect(page.getByTestId("file-count")).toContainText(/\d+ files/);
});
