/**
 * After `npm run build:static`: writes the Content-Security-Policy into every
 * page of the static site as a `<meta>`, with the hashes of that page's inline
 * scripts, since a static host may set no headers. `frame-ancestors` cannot be
 * given in a `<meta>`; the host adds it with the headers listed in the README.
 *
 *   tsx scripts/static-csp.ts [dir]   (default: SIDECAR_DIST_DIR or out/)
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { contentSecurityPolicy, inlineScriptHashes } from "../lib/security/headers";

const HEAD = "<head>";

/** The page with its policy as the first element of `<head>`, ahead of every script it governs. */
function withPolicyMeta(html: string): string {
  const at = html.indexOf(HEAD);
  if (at < 0) throw new Error("a page without <head>: cannot place its Content-Security-Policy");
  if (html.includes('http-equiv="Content-Security-Policy"')) return html;
  const policy = contentSecurityPolicy({ scriptHashes: inlineScriptHashes(html), delivery: "meta" });
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, "&quot;")}"/>`;
  return html.slice(0, at + HEAD.length) + meta + html.slice(at + HEAD.length);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".html"))
    .map((path) => join(dir, path));
}

const dir = process.argv[2] ?? process.env.SIDECAR_DIST_DIR ?? "out";
const pages = htmlFiles(dir);
for (const page of pages) writeFileSync(page, withPolicyMeta(readFileSync(page, "utf8")));
console.log(`Content-Security-Policy written into ${pages.length} pages of ${dir}`);
