/** Generation happens in the worker only, and a burst of edits ends with the preview of the last one. */
import { expect, openWizard, test } from "../support/fixtures";

test("the page's own scripts carry neither the generator nor the schema validator", async ({ page, request }) => {
  await page.goto("/");
  const html = await (await request.get("/")).text();
  const scripts = [...html.matchAll(/<script([^>]*)>/g)]
    .filter(([, attributes]) => !/nomodule/i.test(attributes))
    .map(([, attributes]) => attributes.match(/src="([^"]+)"/)?.[1])
    .filter((src): src is string => Boolean(src));
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const body = await (await request.get(src)).text();
    // A string of the template renderer, and zod's internal marker.
    expect(body, src).not.toContain("the view model has no value named");
    expect(body, src).not.toContain("_zod");
  }
});

test("typing fast: stale renders are dropped and the preview shows the last value", async ({ page }) => {
  await openWizard(page);
  const name = page.getByLabel("Project name");
  await name.fill("");
  await name.pressSequentially("a-rather-long-project-name-typed-quickly", { delay: 0 });
  await page.locator('[data-path="sidecar.json"]').click();
  await expect(page.getByLabel("Content of sidecar.json")).toContainText('"projectName": "a-rather-long-project-name-typed-quickly"');
  await expect(page).toHaveURL(/n=a-rather-long-project-name-typed-quickly/);
});

test("a visit that only reads the page starts no worker; the first interaction starts it and the preview follows edits", async ({ page }) => {
  const workers: string[] = [];
  page.on("worker", (worker) => workers.push(worker.url()));
  await openWizard(page);
  await page.waitForLoadState("networkidle");
  expect(workers).toEqual([]);
  // The server's snapshot: every file listed, the first one shown and highlighted.
  await expect(page.getByLabel("Content of auth-server/src/auth/auth.config.ts")).toContainText("betterAuth");
  await expect(page.locator("pre[data-highlighted=true]")).toBeVisible();
  await page.getByLabel("Description").fill("Started by the first edit");
  await page.locator('[data-path="README.md"]').click();
  await expect(page.getByLabel("Content of README.md")).toContainText("Started by the first edit");
  expect(workers).toHaveLength(1);
});

test("a link starts the worker at once and shows its project, not the snapshot", async ({ page }) => {
  const workers: string[] = [];
  page.on("worker", (worker) => workers.push(worker.url()));
  await openWizard(page, "/?v=2&n=linked-app");
  await page.locator('[data-path="sidecar.json"]').click();
  await expect(page.getByLabel("Content of sidecar.json")).toContainText('"projectName": "linked-app"');
  expect(workers).toHaveLength(1);
});
