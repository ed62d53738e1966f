/** Links: a shared link reproduces the form; hostile or outdated links load what they can and say what they dropped. */
import type { Page } from "@playwright/test";
import { expect, openWizard, test } from "../support/fixtures";

async function reviewText(page: Page): Promise<string> {
  await page.getByRole("button", { name: "10. Review" }).click();
  return (await page.locator("dl").innerText()).trim();
}

test("a shared link opens the same answers in a new browser context", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openWizard(page);
  await page.getByLabel("Description").fill("Équipe 漢字 <b>not bold</b> & 'quotes'");
  await page.getByRole("button", { name: "2. PostgreSQL" }).click();
  await page.getByRole("radio", { name: /^Railway/ }).check();
  await page.getByRole("button", { name: "3. Sign-in methods" }).click();
  await page.getByRole("checkbox", { name: /^Google OAuth/ }).check();
  await page.getByRole("checkbox", { name: /^Email and password/ }).uncheck();
  await page.getByRole("button", { name: "8. Session lifetime" }).click();
  await page.getByRole("radio", { name: "Custom" }).check();
  await page.getByLabel("Session lifetime in hours").fill("36");
  const before = await reviewText(page);
  expect(before).toContain("36 hours");

  await page.getByRole("button", { name: "Share link" }).click();
  await expect(page.getByTestId("status")).toContainText("Link copied");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(page.url());
  expect(link.length).toBeLessThan(2000);

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await openWizard(fresh, link);
  expect(await reviewText(fresh)).toBe(before);
  await expect(fresh.getByTestId("link-notices")).toHaveCount(0);
  await other.close();
});

test("the last answers come back on a later visit, unless a link says otherwise", async ({ page }) => {
  await openWizard(page);
  await page.getByRole("button", { name: "2. PostgreSQL" }).click();
  await page.getByRole("radio", { name: /^Railway/ }).check();
  await expect(page).toHaveURL(/db=railway/);

  await openWizard(page);
  await page.getByRole("button", { name: "2. PostgreSQL" }).click();
  await expect(page.getByRole("radio", { name: /^Railway/ })).toBeChecked();

  await openWizard(page, "/?v=1&db=local");
  await page.getByRole("button", { name: "2. PostgreSQL" }).click();
  await expect(page.getByRole("radio", { name: /^Local/ })).toBeChecked();
});

const HOSTILE_LINKS: { name: string; query: string; banner: RegExp | null }[] = [
  { name: "script tag in the project name", query: "v=1&n=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E", banner: /not a valid project name/ },
  { name: "HTML in the description (valid text, shown as text)", query: "v=1&d=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E", banner: null },
  // Node refuses request lines over 16 kB, so "huge" is as long as a server lets through.
  { name: "a huge string", query: `v=1&d=${"A".repeat(12_000)}&n=${"b".repeat(2_000)}`, banner: /not a valid description/ },
  {
    name: "wrong types",
    query: "v=1&ep=yes&se=90%20days&oa=facebook&pb=%7B%7D&o=javascript:alert(1)",
    banner: /'90 days' is not a valid session lifetime .*7 days was used/,
  },
  { name: "an unknown version", query: "v=99&db=supabase", banner: /version '99'.*does not know/ },
  { name: "unknown keys and broken encoding", query: "v=1&__proto__=1&d=%E0%A4%A&zz=%3Csvg%20onload%3Dalert(1)%3E", banner: /unknown setting/ },
];

for (const { name, query, banner } of HOSTILE_LINKS) {
  test(`a hostile link (${name}) runs nothing and does not crash`, async ({ page, pageErrors }) => {
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await openWizard(page, `/?${query}`);
    if (banner) await expect(page.getByTestId("link-notices")).toContainText(banner);
    else await expect(page.getByTestId("link-notices")).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // The system picture is the page's own drawing; nothing else may be an image or a script.
    await expect(page.locator('main img, main svg:not([data-testid="system-picture"] svg), main script')).toHaveCount(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors.filter((e) => !e.includes("Failed to load resource"))).toEqual([]);
  });
}
