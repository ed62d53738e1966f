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
