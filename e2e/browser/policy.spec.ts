/**
 * Sidecar under an organization policy (examples/policy/sidecar.policy.json),
 * on the standalone server the container runs (the other suites use `next
 * start`), started with SIDECAR_POLICY: the wizard starts from the policy's
 * defaults, shows what it refuses with the reason, cannot be talked out of a
 * locked value by the form, a link or the API, and records the policy in
 * sidecar.json; the doctor page judges an upload by the policy's rules. A
 * screenshot of the branded wizard is kept.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { DEFAULT_CONFIG } from "../../lib/config/schema";
import { buildProject } from "../../lib/pipeline";
import { expect, expectNoSeriousA11yViolations, test } from "../support/fixtures";
import { startStandalone, type RunningServer } from "../support/server";

const POLICY = fileURLToPath(new URL("../../examples/policy/sidecar.policy.json", import.meta.url));

let server: RunningServer;

test.beforeAll(async () => {
  server = await startStandalone({ SIDECAR_POLICY: POLICY });
});

test.afterAll(async () => server?.stop());

test("the server names the policy it loaded, and serves it to the pages", async () => {
  const health = await (await fetch(`${server.url}/api/health`)).json();
  expect(health.status).toBe("ok");
  expect(health.policy.name).toBe("Acme platform team");
  expect(health.policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  const served = await (await fetch(`${server.url}/sidecar-policy.json`)).json();
  expect(served.hash).toBe(health.policy.hash);
  const csp = (await fetch(server.url)).headers.get("content-security-policy") ?? "";
  expect(csp).toContain("img-src 'self' data: https://assets.acme.example;");
});

test("the wizard starts from the policy and cannot leave it", async ({ page }) => {
  await page.goto(`${server.url}/`);
  await expect(page.getByTestId("policy")).toContainText("Acme Sidecar");
  await expect(page.getByRole("link", { name: "Auth handbook" })).toHaveAttribute("href", "https://wiki.acme.example/auth");

  await page.getByRole("button", { name: "2. PostgreSQL" }).click();
  await expect(page.getByRole("radio", { name: /^Local/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: /^Supabase/ })).toBeDisabled();
  await expect(page.getByText("Not available: Not among Acme platform team's approved choices").first()).toBeVisible();

  await page.getByRole("button", { name: "4. Email verification" }).click();
  await expect(page.getByRole("radio", { name: /^Console/ })).toBeDisabled();
  await expect(page.getByText(/Locked by Acme platform team: Production mail goes through the corporate relay/).first()).toBeVisible();

  await page.getByRole("button", { name: "5. Session validation" }).click();
  await expect(page.getByRole("radio", { name: /^Database/ })).toBeChecked();
  await expectNoSeriousA11yViolations(page, "the wizard under a policy");
  await page.screenshot({ path: test.info().outputPath("wizard-under-policy.png"), fullPage: true });
});

test("a link that breaks the policy loads what it can and names what the policy refused", async ({ page }) => {
  await page.goto(`${server.url}/?v=1&db=supabase&em=console&fw=express`);
  const notices = page.getByTestId("link-notices");
  await expect(notices).toContainText("'supabase' for PostgreSQL provider is refused by Acme platform team's policy");
  await expect(notices).toContainText('refused by Acme platform team\'s policy (email.transport is fixed to "smtp"');
  await page.getByRole("button", { name: "2. PostgreSQL" }).click();
  await expect(page.getByRole("radio", { name: /^Local/ })).toBeChecked();
  await page.getByRole("button", { name: "9. Advanced" }).click();
  await expect(page.getByRole("radio", { name: /^Express/ })).toBeChecked();
});

test("a preset starts the form, and the download records the policy", async ({ page }) => {
  await page.goto(`${server.url}/`);
  await page.getByRole("button", { name: "Internal API" }).click();
  await expect(page.getByTestId("status")).toContainText('Started from the preset "Internal API"');
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: /^Download zip/ }).click();
  const path = await (await download).path();
  const { default: JSZip } = await import("jszip");
  const { readFileSync } = await import("node:fs");
  const zip = await JSZip.loadAsync(readFileSync(path));
  const record = JSON.parse(await zip.file(/sidecar\.json$/)[0].async("string"));
  expect(record.policy.name).toBe("Acme platform team");
  expect(record.config.stack.framework).toBe("express");
  expect(record.config.session.validationMethod).toBe("database");
});

test("the API refuses what the policy refuses, naming the rule", async () => {
  const post = await fetch(`${server.url}/api/generate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: { transport: "console" } }),
  });
  expect(post.status).toBe(400);
  const body = await post.json();
  console.log(`POST /api/generate under the policy: ${post.status} ${JSON.stringify(body)}`);
  expect(body.problems).toContainEqual({
    path: "email.transport",
    message: 'email.transport is fixed to "smtp": Production mail goes through the corporate relay (Acme platform team\'s rule lock.email.transport)',
  });
  const get = await fetch(`${server.url}/api/generate?v=1&db=supabase`);
  expect(get.status).toBe(400);
  expect(JSON.stringify(await get.json())).toContain("Acme platform team's rule allow.database.host");
  const fine = await fetch(`${server.url}/api/generate`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  expect(fine.status).toBe(200);
});

test("the doctor page judges an uploaded project by the policy's rules, as doctor --policy does", async ({ page, pageErrors }) => {
  // Made without the policy: Vercel for the auth server and 8-character passwords break it.
  const zip = new JSZip();
  for (const file of buildProject(DEFAULT_CONFIG).files) zip.file(`my-app/${file.path}`, file.content);
  const path = test.info().outputPath("my-app.zip");
  writeFileSync(path, await zip.generateAsync({ type: "uint8array" }));
  await page.goto(`${server.url}/doctor`);
  await page.getByTestId("doctor-zip").setInputFiles(path);
  const policyCheck = page.locator('[data-check="policy"]');
  await expect(policyCheck).toHaveAttribute("data-status", "error");
  await expect(policyCheck).toContainText("Organization Policy (Acme platform team)");
  await expect(policyCheck).toContainText("vercel is not among this organization's choices (docker)");
  await expect(policyCheck).toContainText("auth.emailPassword.minPasswordLength must be at least 12");
  expect(pageErrors).toEqual([]);
});
