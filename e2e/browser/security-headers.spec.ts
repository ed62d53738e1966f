/** The server build's security headers, and every page working under its Content-Security-Policy. */
import { exerciseEveryPage } from "../support/csp";
import { expect, test } from "../support/fixtures";

const EVERY_RESPONSE = ["x-content-type-options", "x-frame-options", "referrer-policy", "permissions-policy", "content-security-policy"];

test("every page and the API carry the security headers", async ({ request }) => {
  for (const path of ["/", "/doctor", "/troubleshoot", "/api/generate?v=1"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    for (const name of EVERY_RESPONSE) expect(headers[name], `${name} on ${path}`).toBeTruthy();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).not.toContain("unsafe-inline");
  }
  const post = await request.post("/api/generate", { data: { projectName: "headers" } });
  expect(post.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  const page = (await request.get("/")).headers()["content-security-policy"];
  expect(page).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  expect(page).toContain("worker-src 'self'");
});

test("the wizard, preview, download, theme, doctor and troubleshooter work with no policy violation", async ({ page, baseURL }) => {
  await exerciseEveryPage(page, baseURL!);
});

test("a page cannot be framed", async ({ page, baseURL }) => {
  const blocked: string[] = [];
  page.on("console", (message) => blocked.push(message.text()));
  await page.setContent(`<iframe src="${baseURL}/doctor"></iframe>`);
  await expect.poll(() => blocked.some((text) => /frame-ancestors|X-Frame-Options/.test(text))).toBe(true);
});
