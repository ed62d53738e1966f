/**
 * SIDECAR_STATIC=1 (`npm run build:static`): a plain static site in out/,
 * without the HTTP endpoint. The endpoint lives in `route.api.ts`, a page
 * extension only the server build recognises.
 * SIDECAR_DIST_DIR: a build folder of its own for tests and benchmarks, so they
 * never disturb a running `next dev`.
 */
const staticSite = process.env.SIDECAR_STATIC === "1";
// SIDECAR_STANDALONE=1: a self-contained server in .next/standalone for the container (Dockerfile).
const standalone = process.env.SIDECAR_STANDALONE === "1";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // SIDECAR_SOURCE_MAPS=1: browser source maps, for the bundle analysis (scripts/bundle-analysis.ts).
  productionBrowserSourceMaps: process.env.SIDECAR_SOURCE_MAPS === "1",
  output: staticSite ? "export" : standalone ? "standalone" : undefined,
  pageExtensions: staticSite ? ["tsx", "ts"] : ["tsx", "ts", "api.ts"],
  // With output "export" the site itself is written to distDir: out/ unless a test asks for another folder.
  distDir: process.env.SIDECAR_DIST_DIR || (staticSite ? "out" : ".next"),
  env: { NEXT_PUBLIC_SIDECAR_STATIC: staticSite ? "1" : "0" },
  turbopack: {
    // JSZip's browser build: its Node entry pulls in Node stream and util
    // polyfills, one of which evaluates code with Function() at load, which the
    // pages' Content-Security-Policy forbids.
    resolveAlias: { jszip: { browser: "jszip/dist/jszip.min.js" } },
  },
  typescript: {
    // The build type-checks what it bundles, so a plain `next build` never ships a type error.
    // Next writes its include list into this file, not into the shared tsconfig.json.
    tsconfigPath: "tsconfig.next.json",
  },
};

export default nextConfig;
