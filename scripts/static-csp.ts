/**
 * After `npm run build:static`: writes the Content-Security-Policy into every
 * page of the static site as a `<meta>`, with the hashes of that page's inline
 * scripts, since a static host may set no headers. `frame-ancestors` cannot be
 * given in a `<meta>`; the host adds it with the headers listed in the README.
 * Bakes in the organization policy named by SIDECAR_POLICY, if any, as
 * `sidecar-policy.json` (the file the server build answers at the same path);
 * an invalid policy fails the build with each problem's path.
 *
 *   tsx scripts/static-csp.ts [dir]   (default: SIDECAR_DIST_DIR or out/)
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brandingImageOrigins } from "../lib/config/policy-rules";
import { contentSecurityPolicy, inlineScriptHashes } from "../lib/security/headers";
import { PolicyFileError, processPolicy } from "../lib/server/policy";

const HEAD = "<head>";

/** The page with its policy as the first element of `<head>`, ahead of every script it governs. */
function withPolicyMeta(html: string, imageOrigins: string[]): string {
  const at = html.indexOf(HEAD);
  if (at < 0) throw new Error("a page without <head>: cannot place its Content-Security-Policy");
  if (html.includes('http-equiv="Content-Security-Policy"')) return html;
  const policy = contentSecurityPolicy({ scriptHashes: inlineScriptHashes(html), imageOrigins, delivery: "meta" });
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, "&quot;")}"/>`;
  return html.slice(0, at + HEAD.length) + meta + html.slice(at + HEAD.length);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".html"))
    .map((path) => join(dir, path));
}

async function bakedPolicy() {
  try {
    return await processPolicy();
  } catch (error) {
    if (!(error instanceof PolicyFileError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const dir = process.argv[2] ?? process.env.SIDECAR_DIST_DIR ?? "out";
const loaded = await bakedPolicy();
writeFileSync(join(dir, "sidecar-policy.json"), JSON.stringify(loaded ? { policy: loaded.policy, hash: loaded.hash } : null));
if (loaded) console.log(`policy "${loaded.policy.name}" (${loaded.hash}) baked into ${dir}/sidecar-policy.json`);
const imageOrigins = brandingImageOrigins(loaded?.policy);
const pages = htmlFiles(dir);
for (const page of pages) writeFileSync(page, withPolicyMeta(readFileSync(page, "utf8"), imageOrigins));
console.log(`Content-Security-Policy written into ${pages.length} pages of ${dir}`);
