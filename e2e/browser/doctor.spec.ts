/**
 * The doctor and the troubleshooter in Debian's Chromium: a broken project
 * uploaded as a zip shows its findings, the fixes are applied and downloaded,
 * and the downloaded project checks clean; folders and hostile uploads too.
 * The page before and after the fixes is saved to test-results/screens/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { recordedConfig } from "../../lib/diagnostics";
import { CHECKS } from "../../lib/diagnostics/registry";
import { decodePermalink } from "../../lib/permalink";
import { cliFiles } from "../support/cli";
import { expect, expectNoSeriousA11yViolations, openWizard, test } from "../support/fixtures";
import { saveScreen } from "../support/screens";
import { ROOT } from "../support/server";
import { brokenProjectOf } from "./doctor-fixture";

// Made in a hook, not at import: the runner also imports this file to list its tests, and runs no hooks there.
let work: string;
test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "sidecar-doctor-e2e-"));
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A zip of the clean fixture broken four ways, under one top folder as people zip projects. */
async function brokenZip(): Promise<string> {
  const zip = new JSZip();
  for (const file of brokenProjectOf(ROOT, ["route-order-express", "schema-sync", "vercel", "cors-origins"])) zip.file(`shop/${file.path}`, file.content);
  const path = join(work, "shop.zip");
  writeFileSync(path, await zip.generateAsync({ type: "uint8array" }));
  return path;
}

const check = (page: import("@playwright/test").Page, id: string) => page.locator(`[data-check="${id}"]`);

test("a broken project: findings, fixes applied, patched zip downloaded, and the second run is clean", async ({ page, pageErrors }) => {
  await page.goto("/doctor");
  await page.getByTestId("doctor-zip").setInputFiles(await brokenZip());

  await expect(page.getByTestId("doctor-discovery")).toContainText("uvicorn src.main:app · from backend/src/main.py");
  await expect(page.getByTestId("doctor-discovery")).toContainText("express, pg · from auth-server/package.json");
  await expect(page.getByTestId("doctor-config-source")).toContainText("No sidecar.json with a valid config");
  for (const id of ["route-order", "schema-sync", "vercel", "cors-origins"]) await expect(check(page, id)).toHaveAttribute("data-status", "error");
  await expect(check(page, "route-order")).toContainText('Express 5 does not accept "/api/auth/*"');
  await expect(check(page, "schema-sync")).toContainText("backend/src/profile.py:9");
  await expect(check(page, "esm")).toHaveAttribute("data-status", "pass");
  // A new project is not an existing app with Sidecar's auth added: those checks say so instead of passing.
  await expect(check(page, "auth-table-collision")).toHaveAttribute("data-status", "not-applicable");
  await expect(check(page, "auth-table-collision")).toContainText("not applicable");
  await expectNoSeriousA11yViolations(page, "/doctor with findings");
  await saveScreen(page, "doctor-findings.png");

  await page.getByRole("button", { name: /Apply 4 selected fixes/ }).click();
  const patched = page.getByTestId("doctor-patched");
  await expect(patched.locator('[data-fixed="route-order"]')).toContainText("Route Ordering: fixed");
  await expect(patched).toContainText("All critical checks passed");
  // The checks list and the buttons show the patched project, not the upload.
  for (const id of ["route-order", "schema-sync", "vercel", "cors-origins"]) await expect(check(page, id)).toHaveAttribute("data-status", "fixed");
  await expect(page.getByTestId("doctor-counts")).toHaveText("7 passed, 4 fixed, 0 with errors, 0 with warnings, 3 not applicable");
  await expect(page.getByTestId("doctor-apply")).toHaveText("No fixes left to apply");
  await expect(page.getByTestId("doctor-apply")).toBeDisabled();
  await saveScreen(page, "doctor-after-fixes.png");
  await expect(page.getByTestId("doctor-diffs")).toContainText('+app.all("/api/auth/*splat", toNodeHandler(auth));');
  await expectNoSeriousA11yViolations(page, "/doctor with the fixes' diffs");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("doctor-download").click()]);
  expect(download.suggestedFilename()).toBe("shop-patched.zip");
  const saved = join(work, "shop-patched.zip");
  await download.saveAs(saved);
  const names = Object.keys((await JSZip.loadAsync(readFileSync(saved))).files);
  expect(names).toContain("shop/backend/src/profile.py");

  await page.getByTestId("doctor-zip").setInputFiles(saved);
  await expect(page.getByTestId("doctor-counts")).toHaveText("11 passed, 0 with errors, 0 with warnings, 3 not applicable");
  expect(pageErrors).toEqual([]);
});

test("a folder can be chosen instead of a zip, and the wizard link carries what was found", async ({ page }) => {
  await page.goto("/doctor");
  await page.getByTestId("doctor-folder").setInputFiles(join(ROOT, "tests/diagnostics/fixtures/clean"));
  await expect(page.getByTestId("doctor-counts")).toHaveText("11 passed, 0 with errors, 0 with warnings, 3 not applicable");
  const link = page.getByTestId("doctor-prefill");
  await expect(link).toHaveAttribute("href", /^\/\?v=2&/);
  await link.click();
  await expect(page.getByTestId("file-count")).toContainText(/\d+ files/);
});

test("a zip dropped on the drop zone is read like a chosen one", async ({ page, pageErrors }) => {
  await page.goto("/doctor");
  const bytes = readFileSync(await brokenZip()).toString("base64");
  const transfer = await page.evaluateHandle((base64) => {
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], "shop.zip", { type: "application/zip" }));
    return dt;
  }, bytes);
  const zone = page.getByTestId("doctor-drop");
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await expect(zone).toHaveAttribute("data-over", "true");
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
  await expect(check(page, "route-order")).toHaveAttribute("data-status", "error");
  await expect(zone).not.toHaveAttribute("data-over", "true");
  expect(pageErrors).toEqual([]);
});

test("a Sidecar project's sidecar.json is the source of the wizard link", async ({ page }) => {
  const config = {
    projectName: "team-dashboard",
    database: { host: "supabase" },
    auth: { emailPassword: { requireEmailVerification: true }, oauth: { providers: ["github"] }, magicLink: { enabled: true } },
    session: { expiresIn: 2592000 },
    email: { transport: "smtp" },
  };
  const zip = new JSZip();
  for (const [path, content] of cliFiles(config)) zip.file(`team-dashboard/${path}`, content);
  const path = join(work, "team-dashboard.zip");
  writeFileSync(path, await zip.generateAsync({ type: "uint8array" }));
  await page.goto("/doctor");
  await page.getByTestId("doctor-zip").setInputFiles(path);
  const discovery = page.getByTestId("doctor-discovery");
  await expect(page.getByTestId("doctor-config-source")).toContainText("config recorded in sidecar.json");
  await expect(discovery.locator('[data-row="Database provider"]')).toContainText("supabase · from sidecar.json (config)");
  await expect(discovery.locator('[data-row="Sign-in methods"]')).toContainText("email and password, github, magic link");
  await expect(discovery.locator('[data-row="Session lifetime"]')).toContainText("30 days");
  const href = await page.getByTestId("doctor-prefill").getAttribute("href");
  expect(decodePermalink(href!.replace(/^\/\?/, "")).config).toEqual(recordedConfig([...cliFiles(config)].map(([p, content]) => ({ path: p, content }))));
});

test("hostile uploads get a clear message and change nothing", async ({ page, pageErrors }) => {
  await page.goto("/doctor");
  const traversal = new JSZip();
  traversal.file("app/main.py", "from fastapi import FastAPI\napp = FastAPI()\n");
  traversal.file("../../etc/cron.d/evil", "* * * * * root true\n");
  const traversalPath = join(work, "traversal.zip");
  writeFileSync(traversalPath, await traversal.generateAsync({ type: "uint8array" }));
  await page.getByTestId("doctor-zip").setInputFiles(traversalPath);
  await expect(page.getByTestId("doctor-skipped")).toContainText("../../etc/cron.d/evil: path leaves the project (..)");
  await expect(page.getByTestId("doctor-no-auth-server")).toBeVisible();

  const bomb = new JSZip();
  bomb.file("bomb/zeros.txt", new Uint8Array(51 * 1024 * 1024));
  const bombPath = join(work, "bomb.zip");
  writeFileSync(bombPath, await bomb.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  await page.getByTestId("doctor-zip").setInputFiles(bombPath);
  await expect(page.getByTestId("doctor-error")).toContainText("the limit is 50 MB");

  const notZip = join(work, "not-a.zip");
  writeFileSync(notZip, "hello");
  await page.getByTestId("doctor-zip").setInputFiles(notZip);
  await expect(page.getByTestId("doctor-error")).toContainText("not a readable zip archive");
  expect(pageErrors).toEqual([]);
});

test("the troubleshooter explains a known error and says so for an unknown one", async ({ page }) => {
  await page.goto("/troubleshoot");
  await page.getByTestId("troubleshoot-input").fill('psycopg.errors.UndefinedTable: relation "user_sessions" does not exist');
  const result = page.locator('[data-pattern="relation-missing"]');
  await expect(result).toContainText("Cause:");
  await expect(result).toContainText("schema-sync");
  await page.getByTestId("troubleshoot-input").fill("Segmentation fault (core dumped)");
  await expect(page.getByTestId("troubleshoot-unknown")).toContainText("not one Sidecar knows");
  await expect(page.getByTestId("troubleshoot-unknown").getByRole("link", { name: "doctor" })).toHaveAttribute("href", "/doctor");
  await expectNoSeriousA11yViolations(page, "/troubleshoot");
});

test("the troubleshooter reads a long paste whole, off the main thread", async ({ page }) => {
  await page.goto("/troubleshoot");
  const log = `${"cookie was blocked ".repeat(20_000)}\nError [ERR_REQUIRE_ESM]: require() of ES Module`;
  await page.getByTestId("troubleshoot-input").fill(log);
  await expect(page.locator('[data-pattern="esm-require"]')).toContainText("Line 2");
  await expect(page.getByTestId("troubleshoot-read")).toContainText(`${log.length.toLocaleString("en")} characters`);
});

test("the wizard's preview shows the diagnostics engine's report on the project it renders", async ({ page }) => {
  await openWizard(page);
  const panel = page.getByTestId("diagnostics");
  await expect(panel.getByRole("listitem")).toHaveCount(CHECKS.length);
  // A new project on Vercel with JWTs and memory rate limits: every check applies but the two of an
  // existing app with Sidecar's auth added and the one of Redis storage.
  const notApplicable = ["auth-table-collision", "alembic-auth-tables", "redis-storage"];
  for (const check of CHECKS) {
    await expect(panel.locator(`[data-check="${check.id}"]`)).toHaveAttribute("data-status", notApplicable.includes(check.id) ? "not-applicable" : "pass");
  }
  await expect(page.getByText("The checks have not been run")).toHaveCount(0);
});

test("the wizard's page leads to the doctor and the troubleshooter", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Sidecar tools" }).getByRole("link", { name: "Doctor" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sidecar doctor");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Sidecar tools" }).getByRole("link", { name: "Troubleshooter" }).click();
  await expect(page).toHaveURL(/\/troubleshoot$/);
});
