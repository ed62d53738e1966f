/**
 * `npm run build:static`: the wizard as plain files, working without any
 * server code; and the same site with an organization policy baked in.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cliZip } from "../support/cli";
import { exerciseEveryPage } from "../support/csp";
import { expect, openWizard, test } from "../support/fixtures";
import { buildStaticSite, serveStatic } from "../support/static-site";

const POLICY = fileURLToPath(new URL("../../examples/policy/sidecar.policy.json", import.meta.url));

let site: { url: string; stop: () => Promise<void> };
let policySite: { url: string; stop: () => Promise<void> };

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const built = buildStaticSite(POLICY);
  site = await serveStatic(built.plain);
  policySite = await serveStatic(built.underPolicy!);
});

test.afterAll(async () => {
  await site?.stop();
  await policySite?.stop();
});

test("the static site renders the preview, downloads the CLI's zip and has no endpoint", async ({ page, request }) => {
  await openWizard(page, `${site.url}/?v=1&n=static-app&db=local`);
  await expect(page.locator('[data-path="docker-compose.yml"]')).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Download zip/ }).click()]);
  const zipped = readFileSync(await download.path());
  expect(Buffer.compare(zipped, cliZip({ projectName: "static-app", database: { host: "local" } }))).toBe(0);

  await page.getByText("Generate it from a terminal").click();
  await expect(page.getByTestId("cli-command")).toBeVisible();
  await expect(page.getByTestId("curl-command")).toHaveCount(0);
  expect((await request.get(`${site.url}/api/generate?v=1`)).status()).toBe(404);
});

test("every static page carries its policy in a <meta> and works under it with no violation", async ({ page, request }) => {
  for (const path of ["/", "/doctor", "/troubleshoot"]) {
    const html = await (await request.get(`${site.url}${path}`)).text();
    const policy = html.match(/<head><meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
    expect(policy, path).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
    // A <meta> policy cannot set frame-ancestors (the browser ignores it there); static hosts send it as a header.
    expect(policy, path).not.toContain("frame-ancestors");
  }
  await exerciseEveryPage(page, site.url);
});

test("under a baked-in policy the static wizard shows the branding and keeps a locked field locked", async ({ page, request }) => {
  const served = await (await request.get(`${policySite.url}/sidecar-policy.json`)).json();
  expect(served.policy.name).toBe("Acme platform team");
  const html = await (await request.get(`${policySite.url}/`)).text();
  expect(html).toContain("img-src 'self' data: https://assets.acme.example;");

  await page.goto(`${policySite.url}/?v=1&em=console`);
  await expect(page.getByTestId("policy")).toContainText("Acme Sidecar");
  await expect(page.getByTestId("link-notices")).toContainText('refused by Acme platform team\'s policy (email.transport is fixed to "smtp"');
  await page.getByRole("button", { name: "4. Email verification" }).click();
  await expect(page.getByRole("radio", { name: /^SMTP/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: /^Console/ })).toBeDisabled();
});
