/**
 * Vercel: the auth server is one function (api/index.ts) and every path must
 * reach it through a single catch-all rewrite. Several rewrites, legacy
 * `routes`/`builds`, or a destination that is not the function give 404s.
 */
import type { Config } from "../../config/schema";
import { troubleshooting } from "../docs";
import { authServerRoots, fileAt, lineAt, parseJson } from "../project";
import type { Check, Finding, ProjectFile } from "../types";

const CATCH_ALL_SOURCES = new Set(["/(.*)", "/:path*", "/(.*)?", "/:path(.*)"]);

type VercelJson = { rewrites?: { source?: string; destination?: string }[]; routes?: unknown; builds?: unknown; [key: string]: unknown };

/** Functions under api/: "api/index.ts" → "/api" and "/api/index". */
function functionRoutes(files: readonly ProjectFile[], root: string): string[] {
  return files
    .map((f) => f.path.slice(root.length))
    .filter((p) => /^api\/[^/]+\.(?:ts|js|mjs|cjs|mts)$/.test(p) && !p.includes(".test."))
    .flatMap((p) => {
      const route = `/${p.replace(/\.[a-z]+$/, "")}`;
      return route.endsWith("/index") ? [route, route.slice(0, -"/index".length)] : [route];
    });
}

const withoutExtension = (destination: string) => destination.replace(/\.(?:ts|js|mjs|cjs)$/, "").replace(/\/$/, "");

function findingsFor(files: readonly ProjectFile[], root: string, config?: Config): Finding[] {
  const vercel = fileAt(files, `${root}vercel.json`);
  const wantsVercel = config?.deployment.authServer === "vercel";
  if (!vercel) {
    return wantsVercel
      ? [{ file: `${root}vercel.json`, line: 1, message: "The auth server deploys to Vercel but has no vercel.json routing requests to its function" }]
      : [];
  }
  const json = parseJson(vercel.content) as VercelJson | undefined;
  const at = (text: string) => lineAt(vercel.content, Math.max(0, vercel.content.indexOf(text)));
  if (!json || typeof json !== "object") return [{ file: vercel.path, line: 1, message: "vercel.json is not valid JSON" }];
  const functions = functionRoutes(files, root);
  const findings: Finding[] = [];
  if (functions.length === 0) {
    findings.push({ file: vercel.path, line: 1, message: "There is no function under api/ (e.g. api/index.ts exporting the app) for Vercel to run" });
  }
  if (json.routes || json.builds) {
    findings.push({
      file: vercel.path,
      line: at(json.routes ? '"routes"' : '"builds"'),
      message: 'Legacy "routes"/"builds" override rewrites and break the function routing: use one rewrite',
    });
  }
  const rewrites = Array.isArray(json.rewrites) ? json.rewrites : [];
  if (rewrites.length !== 1) {
    findings.push({
      file: vercel.path,
      line: at('"rewrites"'),
      message:
        rewrites.length === 0
          ? "No rewrite sends requests to the function: /api/auth/* returns 404"
          : `${rewrites.length} rewrites: use a single catch-all { "source": "/(.*)", "destination": "/api" }`,
    });
  } else {
    const [rewrite] = rewrites;
    if (!CATCH_ALL_SOURCES.has(rewrite.source ?? "")) {
      findings.push({
        file: vercel.path,
        line: at('"source"'),
        message: `The rewrite source ${JSON.stringify(rewrite.source)} is not a catch-all: paths outside it return 404`,
      });
    }
    if (functions.length > 0 && !functions.includes(withoutExtension(rewrite.destination ?? ""))) {
      findings.push({
        file: vercel.path,
        line: at('"destination"'),
        message: `The rewrite destination ${JSON.stringify(rewrite.destination)} is not a function (have: ${functions.join(", ")})`,
      });
    }
  }
  return findings;
}

function fixFor(files: readonly ProjectFile[], root: string): ProjectFile | undefined {
  const vercel = fileAt(files, `${root}vercel.json`);
  const json = (vercel && parseJson(vercel.content)) as VercelJson | undefined;
  if (vercel && (!json || typeof json !== "object")) return undefined;
  const functions = functionRoutes(files, root);
  const destination = functions.includes("/api") ? "/api" : (functions[0] ?? "/api");
  const { routes: _routes, builds: _builds, rewrites: _rewrites, ...rest } = json ?? {};
  const fixed = { ...rest, rewrites: [{ source: "/(.*)", destination }] };
  return { path: `${root}vercel.json`, content: `${JSON.stringify(fixed, null, 2)}\n` };
}

export const vercel: Check = {
  id: "vercel",
  title: "Vercel Config",
  severity: "error",
  explanation:
    "On Vercel the auth server runs as one function; a single catch-all rewrite must send every path to it. Extra rewrites, legacy routes or a wrong destination make /api/auth/* return 404.",
  docs: troubleshooting("vercel-returns-404"),
  check: (files, config) => authServerRoots(files).flatMap((root) => findingsFor(files, root, config)),
  notApplicable: (files, config) =>
    config?.deployment.authServer !== "vercel" && !authServerRoots(files).some((root) => fileAt(files, `${root}vercel.json`))
      ? "the auth server does not deploy to Vercel"
      : undefined,
  fix: (files, config) =>
    authServerRoots(files)
      .filter((root) => findingsFor(files, root, config).length > 0)
      .map((root) => fixFor(files, root))
      .filter((f): f is ProjectFile => !!f),
};
