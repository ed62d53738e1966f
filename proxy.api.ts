/**
 * Security headers on every response of the server build (`next start`): the
 * Content-Security-Policy of each page, with the hashes of that page's inline
 * scripts read once from its prerendered HTML, and the fixed headers of
 * lib/security/headers.ts. The `.api.ts` extension keeps this file out of the
 * static build, which carries the same policy in a `<meta>` instead
 * (scripts/static-csp.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NextResponse, type NextRequest } from "next/server";
import { RECEIVED_FORWARDED_FOR } from "./lib/api/client-address";
import { brandingImageOrigins } from "./lib/config/policy-rules";
import { processPolicy } from "./lib/server/policy";
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy, inlineScriptHashes, SECURITY_HEADERS } from "./lib/security/headers";

/** Where `next build` writes the prerendered pages (the dist folder is set in next.config.mjs). */
const PRERENDERED = join(process.cwd(), process.env.SIDECAR_DIST_DIR || ".next", "server", "app");

/** One entry per prerendered page file, so arbitrary paths cannot grow it. */
const policyOfPage = new Map<string, string>();

/** The prerendered file that answers `pathname`: a page of the app, or the not-found page. */
function pageFile(pathname: string): string {
  if (pathname === "/") return "index.html";
  return /^\/[a-z0-9-]+$/.test(pathname) ? `${pathname.slice(1)}.html` : "_not-found.html";
}

function readHashes(file: string): string[] | null {
  try {
    return inlineScriptHashes(readFileSync(join(PRERENDERED, file), "utf8"));
  } catch {
    return null;
  }
}

async function pagePolicy(pathname: string): Promise<string> {
  const file = pageFile(pathname);
  const cached = policyOfPage.get(file);
  if (cached) return cached;
  const hashes = readHashes(file) ?? readHashes("_not-found.html") ?? [];
  // A branded page may show the organization's logo from its own origin: that widens img-src only.
  const imageOrigins = brandingImageOrigins((await processPolicy())?.policy);
  const policy = contentSecurityPolicy({ scriptHashes: hashes, imageOrigins, delivery: "header" });
  policyOfPage.set(file, policy);
  return policy;
}

async function policyFor(pathname: string): Promise<string | null> {
  if (pathname.startsWith("/api/")) return API_CONTENT_SECURITY_POLICY;
  // Bundles and images are not documents: a CSP on them has no effect.
  if (pathname.startsWith("/_next/")) return null;
  // `next dev` renders pages on demand with inline code of its own; the policy is for built pages.
  if (process.env.NODE_ENV === "development") return null;
  return pagePolicy(pathname);
}

/**
 * The request as the app sees it: X-Forwarded-For moved aside, so Next.js
 * fills that header in from the socket and the API can tell the peer's
 * address from what the client claims (lib/api/client-address.ts).
 */
function withPeerAddress(request: NextRequest): Headers {
  const headers = new Headers(request.headers);
  const received = headers.get("x-forwarded-for");
  headers.delete("x-forwarded-for");
  headers.delete(RECEIVED_FORWARDED_FOR);
  if (received) headers.set(RECEIVED_FORWARDED_FOR, received);
  return headers;
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const response = NextResponse.next({ request: { headers: withPeerAddress(request) } });
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  const policy = await policyFor(request.nextUrl.pathname);
  if (policy) response.headers.set("Content-Security-Policy", policy);
  return response;
}
