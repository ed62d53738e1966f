/**
 * The wizard in Debian's Chromium against a production build: every step with
 * non-default answers, the live preview, the zip against the CLI's, and
 * accessibility on every step.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import type { Page } from "@playwright/test";
import { cliFiles, cliZip } from "../support/cli";
import { expect, expectNoSeriousA11yViolations, openWizard, test } from "../support/fixtures";
import { ROOT } from "../support/server";

/** The answers the walk gives, as the configuration the CLI receives. */
const WALK_CONFIG = {
  projectName: "acme-portal",
  description: "Portal for Acme's customers — «Équipe» 漢字",
  database: { host: "supabase" },
  auth: { emailPassword: { requireEmailVerification: true }, oauth: { providers: ["github"] }, magicLink: { enabled: true } },
  session: { validationMethod: "database", expiresIn: 30 * 86_400 },
  deployment: { authServer: "railway", apiServer: "docker" },
  cors: { origins: ["http://localhost:3000", "https://acme.github.io"] },
  rateLimit: { storage: "database" },
  stack: { framework: "express", orm: "prisma" },
  ports: { backend: 8080 },
};

const group = (page: Page, name: string) => page.getByRole("group", { name });

async function next(page: Page, expectedStep: string) {
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.locator(`section[data-step="${expectedStep}"]`)).toBeVisible();
}

test("walks every step with non-default answers; the zip equals the CLI's", async ({ page, pageErrors }, testInfo) => {
  // An accessibility scan on each of the ten steps: on a loaded machine the walk nears the default minute.
  test.setTimeout(180_000);
  await openWizard(page, "/");
  await expectNoSeriousA11yViolations(page, "step 1 (project)");

  await page.getByLabel("Project name").fill(WALK_CONFIG.projectName);
  await page.getByLabel("Description").fill(WALK_CONFIG.description);

  await next(page, "database");
  await group(page, "Where does PostgreSQL run?")
    .getByRole("radio", { name: /^Supabase/ })
    .check();
  await expectNoSeriousA11yViolations(page, "step 2 (database)");

  await next(page, "auth");
  await page.getByRole("checkbox", { name: /^GitHub OAuth/ }).check();
  await page.getByRole("checkbox", { name: /^Magic links/ }).check();
  await expectNoSeriousA11yViolations(page, "step 3 (sign-in methods)");

  await next(page, "verification");
  await group(page, "Must users verify their email address?")
    .getByRole("radio", { name: /^Required/ })
    .check();
  // Magic links and verification send mail: the console transport is offered, disabled, with the schema's reason.
  const consoleOnly = group(page, "How is email sent?").getByRole("radio", { name: /^Console only/ });
  await expect(consoleOnly).toBeDisabled();
  await expect(group(page, "How is email sent?")).toContainText("Not available: Email verification and magic links send mail");
  await expectNoSeriousA11yViolations(page, "step 4 (email verification)");

  await next(page, "validation");
  await page.getByRole("radio", { name: /^Database lookup/ }).check();
  await expectNoSeriousA11yViolations(page, "step 5 (session validation)");

  await next(page, "deployment");
  await group(page, "Where does the auth server run?")
    .getByRole("radio", { name: /^Railway/ })
    .check();
  await group(page, "Where does the FastAPI backend run?")
    .getByRole("radio", { name: /^Docker/ })
    .check();
  await expectNoSeriousA11yViolations(page, "step 6 (deployment)");

  await next(page, "origins");
  await page.getByRole("button", { name: "Add GitHub Pages" }).click();
  await page.getByRole("textbox", { name: "Origin 2" }).fill("https://acme.github.io/app");
  await expect(page.getByRole("alert").filter({ hasText: "Must be an origin" })).toBeVisible();
  await page.getByRole("textbox", { name: "Origin 2" }).fill("https://acme.github.io");
  await expect(page.getByRole("alert").filter({ hasText: "Must be an origin" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "step 7 (origins)");

  await next(page, "lifetime");
  await page.getByRole("radio", { name: "30 days" }).check();
  await expectNoSeriousA11yViolations(page, "step 8 (session lifetime)");

  await next(page, "advanced");
  await group(page, "Auth server framework")
    .getByRole("radio", { name: /^Express 5/ })
    .check();
  await group(page, "Database layer")
    .getByRole("radio", { name: /^Prisma/ })
    .check();
  await group(page, "Counter storage")
    .getByRole("radio", { name: /^Database/ })
    .check();
  await page.getByLabel("Backend port").fill("8080");
  await expectNoSeriousA11yViolations(page, "step 9 (advanced)");

  await next(page, "review");
  await expect(page.locator("dl")).toContainText("acme-portal");
  await expect(page.locator("dl")).toContainText("Database lookup");
  await expectNoSeriousA11yViolations(page, "step 10 (review)");

  // The link in the address bar is the one recorded in the project.
  await expect(page).toHaveURL(/sv=database/);
  const permalink = new URL(page.url()).search.slice(1);

  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Control+Enter")]);
  expect(download.suggestedFilename()).toBe("acme-portal.zip");
  const zipped = readFileSync(await download.path());
  await testInfo.attach("browser.zip", { body: zipped, contentType: "application/zip" });

  const archive = await JSZip.loadAsync(zipped);
  const expected = cliFiles(WALK_CONFIG);
  const unzipped = new Map<string, string>();
  for (const entry of Object.values(archive.files)) unzipped.set(entry.name.replace(/^acme-portal\//, ""), await entry.async("string"));
  expect([...unzipped.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [path, content] of expected) expect(unzipped.get(path), path).toBe(content);
  expect(JSON.parse(unzipped.get("sidecar.json")!).permalink).toBe(permalink);
  // Same files, and the same bytes: entry order, dates and compression included.
  expect(Buffer.compare(zipped, cliZip(WALK_CONFIG)), "the browser's zip and the CLI's differ").toBe(0);
  expect(pageErrors).toEqual([]);
});

/** The file whose content depends on the session validation method (better-auth's jwt plugin). */
const AUTH_CONFIG = "auth-server/src/auth/auth.config.ts";

test("the preview follows JWT ↔ database, marks the changed files and shows the diff", async ({ page, pageErrors }) => {
  await openWizard(page, "/?v=1&db=supabase");
  // Shown without choosing it: better-auth's settings are the preview's first file.
  await expect(page.getByTestId("selected-file")).toHaveText(AUTH_CONFIG);
  const content = page.getByLabel(`Content of ${AUTH_CONFIG}`);
  await expect(content).toContainText("jwt({");
  await expect(content).toHaveAttribute("data-highlighted", "true");
  // Opening a link is the starting point, not an edit: nothing is marked as changed.
  await page.getByRole("button", { name: "2. PostgreSQL" }).click();
  await expect(page.getByRole("radio", { name: "Supabase" })).toBeChecked();
  await expect(page.getByTestId("file-count")).not.toContainText("changed");

  await page.getByRole("button", { name: "5. Session validation" }).click();
  await page.getByRole("radio", { name: "Database lookup" }).check();
  await expect(content).not.toContainText("jwt({");
  await expect(page.locator(`[data-path="${AUTH_CONFIG}"]`)).toContainText("changed");
  await expect(page.getByTestId("file-count")).toContainText("changed by the last edit");
  await page.getByRole("button", { name: "Show changes" }).click();
  await expect(page.getByTestId("diff").locator('[data-change="removed"]').filter({ hasText: "jwt({" })).toHaveCount(1);

  // The next edit makes a new version: the diff, which belonged to the last one, closes.
  await page.getByRole("radio", { name: /^JWT via/ }).check();
  await expect(page.getByLabel(`Content of ${AUTH_CONFIG}`)).toContainText("jwt({");
  await expect(page.getByTestId("diff")).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test("folders collapse and the file count is shown", async ({ page }) => {
  await openWizard(page, "/");
  const count = Number((await page.getByTestId("file-count").textContent())!.match(/(\d+) files/)![1]);
  expect(count).toBeGreaterThan(10);
  const backendFolder = page.getByRole("button", { name: "backend/", exact: true });
  await expect(backendFolder).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator('[data-path="backend/requirements.txt"]')).toBeVisible();
  await backendFolder.click();
  await expect(backendFolder).toHaveAttribute("aria-expanded", "false");
  await expect(page.locator('[data-path="backend/requirements.txt"]')).toHaveCount(0);
});

test("saves a screenshot of the wizard with the preview open", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWizard(page, "/?v=1&n=acme-portal&sv=database&oa=github");
  await expect(page.locator("pre[data-highlighted=true]")).toBeVisible();
  await page.screenshot({ path: join(ROOT, "test-results/wizard-with-preview.png") });
});
