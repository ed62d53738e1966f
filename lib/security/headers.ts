/**
 * The security policy of Sidecar's own pages and API: one place that both the
 * server (proxy.api.ts) and the static build (scripts/static-csp.ts) read.
 *
 * Inline scripts are allowed by hash, not by nonce: a nonce would force every
 * page to render on each request, while hashes of the prerendered HTML keep
 * the pages static (served from disk or a CDN as they are) and work where no
 * server runs at all.
 */
import { createHash } from "node:crypto";

export type PolicyOptions = {
  /** `'sha256-…'` sources of the page's inline scripts. */
  scriptHashes?: string[];
  /** Origins images may also come from (a logo hosted elsewhere); nothing else widens. */
  imageOrigins?: string[];
  /** A `<meta>` policy cannot carry `frame-ancestors`; the header form does. */
  delivery: "header" | "meta";
};

/** The Content-Security-Policy of a page: scripts, styles, the render worker and fetches from this origin only. */
export function contentSecurityPolicy({ scriptHashes = [], imageOrigins = [], delivery }: PolicyOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", ...scriptHashes],
    ["style-src", "'self'"],
    ["img-src", "'self'", "data:", ...imageOrigins],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    // The preview renders in a module Web Worker bundled under /_next/static.
    ["worker-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
  ];
  if (delivery === "header") directives.push(["frame-ancestors", "'none'"]);
  return directives.map((parts) => parts.join(" ")).join("; ");
}

/** An API answers JSON or a zip: nothing in it may load, run or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * What a static host adds as a header to the `<meta>` policy of each page:
 * the directives a `<meta>` cannot carry or that need no hashes. Browsers
 * enforce both policies together.
 */
export const STATIC_HOST_CONTENT_SECURITY_POLICY = "frame-ancestors 'none'; object-src 'none'; base-uri 'none'";

/**
 * The headers every response carries besides its CSP. Static hosts set the
 * same list (README, "Hosting the static build").
 */
export const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  // Permalinks hold the configuration in the query: never send it to another site.
  "Referrer-Policy": "no-referrer",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/**
 * The inline `<script>` bodies of a page built by Next.js (its own HTML, not
 * user input), as CSP hash sources. Scripts with a `src` are covered by 'self'.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const [, attributes, body] = match;
    if (/\bsrc=/.test(attributes) || body === "") continue;
    hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}
