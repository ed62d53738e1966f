/**
 * The wizard says one thing at a time and says it right: one count of
 * questions, neutral notes for options kept out of reach, "not applicable"
 * for a check with nothing to look at, a Review of what the zip really holds,
 * a readable file pane and diff, the system picture, a compact step menu on
 * a phone, the shortcut hint only with a keyboard, and one layout for the
 * three pages. The system picture and the phone layout are saved to
 * test-results/screens/.
 */
import type { Page } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, openWizard, test } from "../support/fixtures";
import { saveScreen } from "../support/screens";

/** How far a CSS colour is from grey: the channels' spread for rgb(), the a/b distance for lab(). */
function chroma(color: string): number {
  const [first, second, third] = color.match(/-?[\d.]+/g)!.map(Number);
  if (color.startsWith("lab(")) return Math.hypot(second, third);
  if (color.startsWith("oklab(")) return Math.hypot(second, third) * 400;
  return Math.max(first, second, third) - Math.min(first, second, third);
}

const step = (page: Page, title: string) => page.getByTestId("step-buttons").getByRole("button", { name: title });
const systemCard = (page: Page) => page.getByRole("region", { name: "What you are building" });
const option = (page: Page, id: string) => page.locator(`label[for="${id}"]`);

test("the page's count of questions is the progress line's", async ({ page }) => {
  await openWizard(page);
  const intro = await page.getByTestId("intro").innerText();
  const words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
  const count = words.indexOf(intro.match(/Answer (\w+) questions/)![1]);
  await expect(page.getByTestId("progress")).toHaveText(`Question 1 of ${count}`);
  for (let question = 2; question <= count; question++) {
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(page.getByTestId("progress")).toHaveText(`Question ${question} of ${count}`);
  }
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByTestId("progress")).toHaveText("Optional: advanced settings");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByTestId("progress")).toHaveText("Last step: review and download");
});

test("a kept option is explained as a note that matches what is chosen", async ({ page }) => {
  await openWizard(page);
  await step(page, "3. Sign-in methods").click();
  const emailPassword = page.getByRole("checkbox", { name: /^Email and password/ });
  await expect(emailPassword).toBeChecked();
  await expect(emailPassword).toBeDisabled();
  const note = option(page, "auth-emailPassword").getByTestId("option-note");
  await expect(note).toHaveText("Stays on: A project needs at least one sign-in method.");
  // A note, not an error: the text's own colour, none of the warning or error hues.
  const color = await note.evaluate((el) => getComputedStyle(el).color);
  expect(chroma(color), `${color} is a grey`).toBeLessThan(25);

  // Required verification with GitHub: email and password stays on, and the note does not ask to enable what is on.
  await page.getByRole("checkbox", { name: /^GitHub OAuth/ }).check();
  await step(page, "4. Email verification").click();
  await page.getByRole("radio", { name: /^Required/ }).check();
  await step(page, "3. Sign-in methods").click();
  await expect(emailPassword).toBeDisabled();
  await expect(note).toHaveText("Stays on: Required email verification works on email and password sign-up, so the two go together.");
  await expect(page.getByText(/Unavailable|enable Email\/Password/)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "a kept option with its note");
});

test("a check with nothing to look at says not applicable, with its reason", async ({ page }) => {
  await openWizard(page, "/?v=1&as=railway&sv=database");
  const vercel = page.getByTestId("diagnostics").locator('[data-check="vercel"]');
  await expect(vercel).toHaveAttribute("data-status", "not-applicable");
  await expect(vercel).toContainText("not applicable");
  await expect(vercel).toContainText("the auth server does not deploy to Vercel");
  await expect(vercel).not.toContainText("pass");
  await openWizard(page, "/?v=1");
  await expect(page.getByTestId("diagnostics").locator('[data-check="vercel"]')).toHaveAttribute("data-status", "pass");
});

test("the Review says what the zip holds: compose files and the resolved ports", async ({ page }) => {
  await openWizard(page, "/?v=1&ap=docker");
  await step(page, "10. Review").click();
  const review = page.getByTestId("review");
  await expect(review.locator('[data-row="deployment.useDocker"] dd')).toHaveText(
    "off, but the zip holds the Docker Compose files anyway: the backend deploys with Docker",
  );
  await expect(review.locator('[data-row="compose"] dd')).toHaveText("docker-compose.dev.yml, docker-compose.yml");
  await expect(review.locator('[data-row="ports.authServer"] dd')).toHaveText("3001 (automatic)");
  await expect(review).not.toContainText("the automatic value");
  await expect(page.locator('[data-path="docker-compose.yml"]')).toBeVisible();
  // Label and value stand apart: the value starts to the right of the label's column.
  const label = await review.locator('[data-row="ports.authServer"] dt').boundingBox();
  const value = await review.locator('[data-row="ports.authServer"] dd').boundingBox();
  expect(value!.x).toBeGreaterThan(label!.x + 100);
});

test("long lines wrap, and unwrapped they show a cue to scroll", async ({ page }) => {
  await openWizard(page);
  // One long line in the README (descriptions stay under 280 characters).
  await page.getByLabel("Description").fill(`A very long description ${"that keeps going ".repeat(14)}`);
  await expect(page.getByTestId("file-count")).toContainText("changed");
  await page.locator('[data-path="README.md"]').click();
  const pane = page.getByTestId("file-content");
  await expect(pane).toContainText("that keeps going that keeps going");
  const widths = () => pane.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  const wrapped = await widths();
  expect(wrapped.scroll).toBeLessThanOrEqual(wrapped.client + 1);
  await expect(page.getByTestId("scroll-cue")).toHaveCount(0);

  await page.getByTestId("wrap-toggle").click();
  await expect(page.getByTestId("wrap-toggle")).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("scroll-cue")).toBeVisible();
  const unwrapped = await widths();
  expect(unwrapped.scroll).toBeGreaterThan(unwrapped.client);
});

test("the diff opens at the first change, highlights it, and Escape leaves it", async ({ page }) => {
  await openWizard(page);
  await step(page, "8. Session lifetime").click();
  await page.getByRole("radio", { name: "30 days" }).check();
  await expect(page.locator('[data-path="auth-server/src/auth/auth.config.ts"]')).toContainText("changed");
  await page.locator('[data-path="auth-server/src/auth/auth.config.ts"]').click();
  await page.getByRole("button", { name: "Show changes" }).click();
  const diff = page.getByTestId("diff");
  await expect(diff).toBeFocused();
  await expect(page.getByTestId("diff-summary")).toContainText(/\d+ changes? since the previous version/);
  const added = diff.locator('[data-change="added"]').first();
  await expect(added).toContainText("2592000");
  const addedColor = await added.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(addedColor).not.toBe("rgba(0, 0, 0, 0)");
  // The first change is inside the pane's visible part, though it is far down the file.
  const first = await diff.locator("[data-change]").first().boundingBox();
  const box = await diff.boundingBox();
  expect(first!.y).toBeGreaterThanOrEqual(box!.y);
  expect(first!.y + first!.height).toBeLessThanOrEqual(box!.y + box!.height);
  // What comes before it is folded into a row that counts the unchanged lines.
  await expect(diff.locator("span.block").first()).toContainText(/\d+ unchanged lines/);

  await page.keyboard.press("Escape");
  await expect(diff).toHaveCount(0);
  await expect(page.getByTestId("file-content")).toBeVisible();
  await expect(page.getByRole("button", { name: "Show changes" })).toBeFocused();
});

test("the system picture follows the choices: JWT via JWKS, then a database session lookup", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await openWizard(page);
  const picture = page.getByTestId("system-picture");
  await expect(picture).toHaveAttribute("data-validation", "jwt");
  await expect(picture.locator('[data-part="auth"]')).toContainText("Vercel, port 3001");
  await expect(picture.locator('[data-part="database"]')).toContainText("Neon");
  await expect(picture.locator('[data-part="frontend"]')).toContainText("http://localhost:3000");
  await expect(page.getByTestId("system-links")).toContainText("FastAPI backend → Auth server: JWKS public keys, cached");
  await expect(page.getByTestId("system-steps")).toContainText("/api/auth/jwks");
  await saveScreen(systemCard(page), "system-jwt-neon-vercel.png");

  await step(page, "2. PostgreSQL").click();
  await page.getByRole("radio", { name: /^Supabase/ }).check();
  await step(page, "5. Session validation").click();
  await page.getByRole("radio", { name: /^Database lookup/ }).check();
  await step(page, "6. Deployment").click();
  await page
    .getByRole("radio", { name: /^Railway/ })
    .first()
    .check();
  await step(page, "7. Frontend origins").click();
  await page.getByRole("button", { name: "Add Custom domain" }).click();
  await expect(picture).toHaveAttribute("data-validation", "database");
  await expect(picture.locator('[data-part="database"]')).toContainText("Supabase");
  await expect(picture.locator('[data-part="auth"]')).toContainText("Railway, port 3001");
  await expect(picture.locator('[data-part="frontend"]')).toContainText("https://app.example.com");
  await expect(page.getByTestId("system-links")).toContainText("FastAPI backend → PostgreSQL: session lookup, app tables");
  await expect(page.getByTestId("system-links")).toContainText("SameSite=None");
  await expect(page.getByTestId("system-links")).not.toContainText("JWKS");
  await expect(picture.locator('[data-link="backend-auth"]')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "the system picture");
  await saveScreen(systemCard(page), "system-database-supabase-railway.png");
});

test("at 375 px the steps are one menu, not ten buttons", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await openWizard(page);
  await expect(page.getByTestId("step-buttons")).toBeHidden();
  const menu = page.getByTestId("step-select");
  await expect(menu).toBeVisible();
  const nav = await page.getByRole("navigation", { name: "Wizard steps" }).boundingBox();
  expect(nav!.height).toBeLessThan(110);
  await menu.selectOption({ label: "10. Review" });
  await expect(page.locator('section[data-step="review"]')).toBeVisible();
  await expect(page.getByTestId("progress")).toHaveText("Last step: review and download");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await menu.selectOption({ label: "1. Project" });
  await saveScreen(page, "wizard-375.png", { firstScreen: true });
  // The drawing keeps its words readable (at least 576 px wide) and scrolls inside its card instead.
  const card = systemCard(page);
  expect((await card.locator("svg").boundingBox())!.width).toBeGreaterThanOrEqual(576);
  expect((await page.getByTestId("system-picture-scroll").boundingBox())!.width).toBeLessThan(375);
  await saveScreen(card, "wizard-375-system-picture.png");
  await expectNoSeriousA11yViolations(page, "the wizard at 375 px");
});

test("the keyboard shortcut is shown with a mouse and keyboard, not on a touch screen", async ({ browser }) => {
  const desktop = await browser.newPage();
  await openWizard(desktop);
  await expect(desktop.getByTestId("shortcut-hint")).toBeVisible();
  await desktop.close();

  const phone = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
  const page = await phone.newPage();
  await openWizard(page);
  expect(await page.evaluate(() => matchMedia("(hover: hover) and (pointer: fine)").matches)).toBe(false);
  await expect(page.getByTestId("shortcut-hint")).toBeHidden();
  await phone.close();
});

test("the wizard, the doctor and the troubleshooter share one layout", async ({ page }) => {
  const edges: Record<string, { title: number; main: number; width: number }> = {};
  for (const [path, tool] of [
    ["/", "Wizard"],
    ["/doctor", "Doctor"],
    ["/troubleshoot", "Troubleshooter"],
  ]) {
    await page.goto(path);
    const nav = page.getByRole("navigation", { name: "Sidecar tools" });
    await expect(nav.getByRole("link", { name: tool })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link")).toHaveCount(3);
    const title = (await page.getByRole("heading", { level: 1 }).boundingBox())!;
    const main = (await page.locator("main").boundingBox())!;
    edges[path] = { title: Math.round(title.x), main: Math.round(main.x), width: Math.round(main.width) };
  }
  expect(edges["/doctor"]).toEqual(edges["/"]);
  expect(edges["/troubleshoot"]).toEqual(edges["/"]);
});
