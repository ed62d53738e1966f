/**
 * The static build (`npm run build:static`), built into its own folder and
 * served by a plain file server, as a static host would serve it.
 */
import { spawnSync } from "node:child_process";
import { cpSync, createReadStream, existsSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { freePort } from "./free-port";
import { ROOT } from "./server";

const STATIC_DIST_DIR = ".cache/next-static";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".txt": "text/plain",
  ".json": "application/json",
};

/** The same build with an organization policy baked in. */
const STATIC_POLICY_DIST_DIR = ".cache/next-static-policy";

/**
 * `npm run build:static`, and when `policy` is given also the site
 * `SIDECAR_POLICY=<policy> npm run build:static` makes, from a copy of the
 * same build: the policy changes only the step after `next build`.
 */
export function buildStaticSite(policy?: string): { plain: string; underPolicy?: string } {
  const result = spawnSync("node", [join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
    cwd: ROOT,
    env: { ...process.env, SIDECAR_STATIC: "1", SIDECAR_DIST_DIR: STATIC_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0) throw new Error(`the static build failed:\n${result.stdout}\n${result.stderr}`);
  if (policy === undefined) return { plain: postBuild(STATIC_DIST_DIR) };
  rmSync(join(ROOT, STATIC_POLICY_DIST_DIR), { recursive: true, force: true });
  cpSync(join(ROOT, STATIC_DIST_DIR), join(ROOT, STATIC_POLICY_DIST_DIR), { recursive: true });
  return { plain: postBuild(STATIC_DIST_DIR), underPolicy: postBuild(STATIC_POLICY_DIST_DIR, policy) };
}

/** What `npm run build:static` runs after `next build`: the page policy into every page, and the organization policy if one is named. */
function postBuild(dir: string, policy?: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, SIDECAR_POLICY: policy };
  if (policy === undefined) delete env.SIDECAR_POLICY;
  const run = spawnSync("node", ["--import", "tsx", "scripts/static-csp.ts", dir], { cwd: ROOT, env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`writing the static site's policies failed:\n${run.stdout}\n${run.stderr}`);
  return join(ROOT, dir);
}

/** Serves `dir` like a static host: `/x` answers x.html or x/index.html, anything else is 404. */
export async function serveStatic(dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
    const candidates = [path, `${path}.html`, join(path, "index.html")].map((p) => join(dir, p));
    const file = candidates.find((c) => c.startsWith(dir) && existsSync(c) && statSync(c).isFile());
    if (!file) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
