/** Keyboard, small screens, dark mode, and the headless twins shown in the page. */
import { cliZip } from "../support/cli";
import { expect, expectNoSeriousA11yViolations, openWizard, test } from "../support/fixtures";

test("every control is reachable by keyboard with a visible focus ring", async ({ page }) => {
  await openWizard(page);
  const seen = new Set<string>();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { name: `${el.tagName}:${el.textContent?.trim().slice(0, 30) ?? ""}`, outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(focus.outline, `focus ring on ${focus.name}`).not.toBe("none");
    expect(focus.width, `focus ring on ${focus.name}`).not.toBe("0px");
    seen.add(focus.name);
  }
  expect([...seen].some((name) => name.startsWith("BUTTON:2. PostgreSQL"))).toBe(true);
  expect([...seen].some((name) => name.startsWith("INPUT"))).toBe(true);

  // Choosing by keyboard: arrow keys move within a radio group.
  await page.getByRole("button", { name: "2. PostgreSQL" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("radio", { name: /^Neon/ }).focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: /^Supabase/ })).toBeChecked();
});

test("Ctrl+Enter downloads the zip", async ({ page }) => {
  await openWizard(page, "/?v=1&n=keyboard-app");
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Control+Enter")]);
  expect(download.suggestedFilename()).toBe("keyboard-app.zip");
});

test("downloading an invalid form names the problem and goes to its step", async ({ page }) => {
  await openWizard(page);
  await page.getByRole("button", { name: "8. Session lifetime" }).click();
  await page.getByRole("radio", { name: "Custom" }).check();
  await page.getByLabel("Session lifetime in hours").fill("0.5");
  await expect(page.getByRole("alert").filter({ hasText: "The session lifetime must be at least 3600 seconds" })).toBeVisible();
  await page.getByRole("button", { name: "1. Project" }).click();
  await page.getByRole("button", { name: /Download zip/ }).click();
  await expect(page.getByTestId("status")).toContainText("Fix the problems marked in the form first.");
  await expect(page.locator('section[data-step="lifetime"]')).toBeVisible();
  await expect(page.getByText("The form has problems; the preview shows the last valid configuration.")).toBeVisible();
});

test("is usable 375 px wide: no sideways scrolling on any step", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await openWizard(page);
  for (let step = 1; step <= 10; step++) {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `step ${step}`).toBeLessThanOrEqual(375);
    if (step < 10) await page.getByRole("button", { name: "Next", exact: true }).click();
  }
});

test("dark mode follows the system and the toggle overrides it", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  await openWizard(page);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expectNoSeriousA11yViolations(page, "step 1 in dark mode");
  await page.getByRole("button", { name: "4. Email verification" }).click();
  await page.getByRole("radio", { name: /^Required/ }).check();
  await expectNoSeriousA11yViolations(page, "step 4 in dark mode, with a disabled option");
  const toggle = page.getByRole("button", { name: "Dark mode" });
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await context.close();
});

test("tells in one sentence what you get", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("header p")).toContainText("get a zip with a working better-auth auth server");
});

test("shows the CLI and curl commands; the curl command returns the CLI's zip", async ({ page, request }) => {
  await openWizard(page, "/?v=1&n=twin-app&db=railway&sv=database");
  await page.getByText("Generate it from a terminal").click();
  const cli = await page.getByTestId("cli-command").innerText();
  expect(cli).toContain("npm run generate -- --config sidecar.config.json --out twin-app.zip");
  const json = JSON.parse(cli.slice(cli.indexOf("{"), cli.lastIndexOf("}") + 1));
  expect(json).toEqual({ projectName: "twin-app", database: { host: "railway" }, session: { validationMethod: "database" } });

  const curl = await page.getByTestId("curl-command").innerText();
  const url = curl.match(/'(http[^']+)'/)![1];
  expect(new URL(url).search).toBe(new URL(page.url()).search);
  const response = await request.get(url);
  expect(response.status()).toBe(200);
  expect(Buffer.compare(await response.body(), cliZip(json))).toBe(0);
});
