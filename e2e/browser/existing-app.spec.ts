/**
 * Adding auth to an existing FastAPI app in Debian's Chromium: a link asks
 * for the app again, a fixture folder is chosen, the discovery and the diffs
 * are shown, and the downloaded zip is byte for byte the CLI's for the same
 * folder and configuration. An app that cannot be integrated says why. The
 * median integration time in the worker is printed for every fixture.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { parseConfig, type Config } from "../../lib/config/schema";
import { encodePermalink } from "../../lib/permalink";
import { cliZip } from "../support/cli";
import { expect, expectNoSeriousA11yViolations, openForm, openWizard, test } from "../support/fixtures";
import { ROOT } from "../support/server";
import { zipFolder } from "../../tests/support/zip-folder";

const APPS = join(ROOT, "tests/fixtures/existing-apps");
const CONFIGS = join(APPS, "configs");
/** The fixtures that integrate: each has its configuration in configs/<fixture>.json. */
const INTEGRATING = readdirSync(CONFIGS)
  .filter((name) => name.endsWith(".json"))
  .map((name) => name.replace(/\.json$/, ""))
  .sort();
const INTEGRATE_MARK = "sidecar:worker-integrate";
const RUNS = 9;

function fixtureConfig(fixture: string): { input: unknown; config: Config } {
  const input = JSON.parse(readFileSync(join(CONFIGS, `${fixture}.json`), "utf8"));
  const parsed = parseConfig(input);
  if (!parsed.ok) throw new Error(`configs/${fixture}.json: ${parsed.problems.map((p) => p.message).join("; ")}`);
  return { input, config: parsed.config };
}

/** Opens the wizard on the fixture's configuration link, which asks for the app, and chooses the fixture's folder. */
async function openWithApp(page: Page, fixture: string, config: Config) {
  await openForm(page, `/?${encodePermalink(config)}`);
  await expect(page.getByTestId("integration-no-app")).toBeVisible();
  await page.getByTestId("app-folder").setInputFiles(join(APPS, fixture));
  await expect(page.getByTestId("app-status")).toContainText(`${fixture}: `);
}

async function downloadZip(page: Page, config: Config, saveAs: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Download zip/ }).click()]);
  expect(download.suggestedFilename()).toBe(`${config.projectName}.zip`);
  await download.saveAs(saveAs);
  return readFileSync(saveAs);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

test("an existing app: the link asks for it, the folder is integrated and previewed, and the download is the CLI's zip", async ({
  page,
  pageErrors,
}, testInfo) => {
  const fixture = INTEGRATING[0];
  const { input, config } = fixtureConfig(fixture);
  await openWithApp(page, fixture, config);
  await expect(page.getByTestId("app-upload")).toContainText("never the app");
  await expect(page.getByTestId("cli-command")).toContainText("npm run generate -- --existing path/to/your-app --config sidecar.config.json");
  await expect(page.getByTestId("curl-command")).toContainText("-F config=@sidecar.config.json -F app=@your-app.zip");

  const discovery = page.getByTestId("integration-discovery");
  await expect(discovery.getByRole("listitem").first()).toBeVisible();
  for (const finding of await discovery.getByRole("listitem").allTextContents()) expect(finding).toMatch(/^\S+:\d+/);

  const changes = page.getByTestId("integration-changes").locator("details[data-change]");
  await expect(changes.first()).toBeVisible();
  const kinds = await changes.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-change")));
  expect(kinds).toContain("changed");
  expect(kinds).toContain("added");
  // Changed files first, then added ones.
  expect(kinds.indexOf("added")).toBeGreaterThan(kinds.lastIndexOf("changed"));
  const firstDiff = page
    .getByTestId("integration-changes")
    .getByLabel(/^Changes to /)
    .first();
  await expect(firstDiff).toContainText("@@ -");
  // Added lines are marked (one span per line).
  await expect(
    firstDiff
      .locator("span")
      .filter({ hasText: /^\+(?!\+\+)/ })
      .first(),
  ).toBeVisible();
  await expect(page.getByTestId("diagnostics").getByRole("listitem").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, "the wizard with an integrated app");
  await page.screenshot({ path: testInfo.outputPath("existing-app-preview.png"), fullPage: true });

  // A folder picker shows no file modes, so the CLI is given the same files as a zip (which carries none either).
  const appZip = testInfo.outputPath(`${fixture}.zip`);
  writeFileSync(appZip, await zipFolder(join(APPS, fixture)));
  const expected = cliZip(input, appZip);
  expect(Buffer.compare(await downloadZip(page, config, testInfo.outputPath("from-folder.zip")), expected)).toBe(0);

  await page.getByTestId("app-zip").setInputFiles(appZip);
  await expect(page.getByTestId("app-status")).toContainText(`${fixture}.zip: `);
  await expect(page.getByTestId("integration-changes")).toBeVisible();
  expect(Buffer.compare(await downloadZip(page, config, testInfo.outputPath("from-zip.zip")), expected)).toBe(0);
  expect(pageErrors).toEqual([]);
});

test("an upload holding several apps asks which folder to integrate, and the download is the CLI's zip with --app", async ({ page, pageErrors }, testInfo) => {
  // Two CLI runs to compare with.
  test.setTimeout(180_000);
  const fixture = "greeter-environ";
  const { input, config } = fixtureConfig(fixture);
  await page.goto(`/?${encodePermalink(config)}`);
  // The fixtures' own folder: every fixture app side by side (and their configurations).
  await page.getByTestId("app-folder").setInputFiles(APPS);
  const folders = page.getByTestId("app-folders");
  const candidates = ["fastapi-070", "greeter-environ", "inventory-factory", "library-psycopg2", "notes-uv", "shop-asyncpg"];
  await expect(folders.getByRole("radio")).toHaveCount(candidates.length);
  for (const candidate of candidates) await expect(folders.getByRole("radio", { name: `${candidate}/` })).toBeVisible();
  // The first is integrated until another is chosen: here the FastAPI 0.70 app, refused with its reason.
  await expect(folders.getByRole("radio", { name: "fastapi-070/" })).toBeChecked();
  await expect(page.getByTestId("integration-refused")).toContainText("0.95");

  await folders.getByRole("radio", { name: `${fixture}/` }).check();
  await expect(page.getByTestId("integration-changes")).toBeVisible();
  await expect(page.getByTestId("integration-discovery")).toContainText("greeter/");
  await expectNoSeriousA11yViolations(page, "the wizard with an app folder chosen");

  const uploadZip = testInfo.outputPath("existing-apps.zip");
  writeFileSync(uploadZip, await zipFolder(APPS));
  const downloaded = await downloadZip(page, config, testInfo.outputPath("from-folder.zip"));
  expect(Buffer.compare(downloaded, cliZip(input, uploadZip, fixture))).toBe(0);
  // The same app uploaded alone gives the same project.
  const aloneZip = testInfo.outputPath(`${fixture}.zip`);
  writeFileSync(aloneZip, await zipFolder(join(APPS, fixture)));
  expect(Buffer.compare(downloaded, cliZip(input, aloneZip))).toBe(0);
  expect(pageErrors).toEqual([]);
});

test("an app that cannot be integrated shows why, and there is nothing to download", async ({ page }, testInfo) => {
  await openWizard(page);
  await page.getByRole("radio", { name: /^Existing FastAPI app/ }).check();
  await expect(page.getByTestId("file-count")).toHaveText("Waiting for your app");
  await page.getByTestId("app-folder").setInputFiles(join(APPS, "not-fastapi"));
  const refused = page.getByTestId("integration-refused");
  await expect(refused).toContainText("This app cannot be integrated");
  await expect(refused.getByRole("listitem").first()).toBeVisible();
  await expect(page.getByTestId("file-count")).toHaveText("Nothing to download");
  await expectNoSeriousA11yViolations(page, "the wizard with a refused app");
  await page.screenshot({ path: testInfo.outputPath("existing-app-refused.png"), fullPage: true });
  await page.getByRole("button", { name: /Download zip/ }).click();
  await expect(page.getByTestId("status")).toContainText("The zip could not be built:");
});

test("median integration time in the worker, per fixture (printed, not asserted)", async ({ page }) => {
  test.setTimeout(180_000);
  const lines: string[] = [];
  for (const fixture of INTEGRATING) {
    const { config } = fixtureConfig(fixture);
    await openWithApp(page, fixture, config);
    await expect(page.getByTestId("integration-changes")).toBeVisible();
    // Each edit of the description integrates the app again in the worker.
    const description = page.getByLabel("Description");
    for (let run = 0; run < RUNS; run++) {
      const before = await page.evaluate((name) => performance.getEntriesByName(name).length, INTEGRATE_MARK);
      await description.fill(`run ${run}`);
      await page.waitForFunction(([name, count]) => performance.getEntriesByName(name as string).length > count, [INTEGRATE_MARK, before] as const);
    }
    const times = await page.evaluate((name) => performance.getEntriesByName(name).map((e) => (e as PerformanceMark).detail as number), INTEGRATE_MARK);
    // The first integration after the upload includes warming up; the edits are the steady state.
    const steady = times.slice(-RUNS);
    lines.push(
      `${fixture.padEnd(24)} median ${median(steady).toFixed(1).padStart(7)} ms   min ${Math.min(...steady).toFixed(1)} ms, max ${Math.max(...steady).toFixed(1)} ms, first ${times[0].toFixed(1)} ms`,
    );
  }
  console.log(`\nintegrateApp in the worker (${RUNS} runs per fixture)\n${lines.join("\n")}`);
});

test("the HTTP API takes the app as multipart/form-data: the CLI's zip, or 422 with the reasons", async ({ request }, testInfo) => {
  const fixture = INTEGRATING[0];
  const { input } = fixtureConfig(fixture);
  const appZip = testInfo.outputPath(`${fixture}.zip`);
  writeFileSync(appZip, await zipFolder(join(APPS, fixture)));
  const multipart = (zip: Buffer, name: string) => ({
    config: JSON.stringify(input),
    app: { name, mimeType: "application/zip", buffer: zip },
  });
  const response = await request.post("/api/generate", { multipart: multipart(readFileSync(appZip), `${fixture}.zip`) });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/zip");
  expect(Buffer.compare(await response.body(), cliZip(input, appZip))).toBe(0);

  const refused = await request.post("/api/generate", { multipart: multipart(Buffer.from(await zipFolder(join(APPS, "not-fastapi"))), "not-fastapi.zip") });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).reasons.length).toBeGreaterThan(0);
});
