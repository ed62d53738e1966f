/**
 * generateProject: configuration in, files out. Pure and deterministic (same
 * config, same files in the same order) and free of Node-only APIs, so the
 * same function serves the Web Worker, the CLI and the HTTP route.
 */
import { resolveConfig } from "../config/resolve";
import type { Config } from "../config/schema";
import { runDiagnostics, type DiagnosticsReport } from "../diagnostics";
import { encodePermalink } from "../permalink";
import { LAYERS } from "./layers";
import { renderTemplate } from "./render";
import { TEMPLATES } from "./templates.generated";
import { GENERATOR_VERSION } from "./version";
import { buildViewModel, type ViewOptions } from "./view-model";

export type GeneratedFile = { path: string; content: string };

export function generateProject(config: Config): GeneratedFile[] {
  return renderProject(config).files;
}

/**
 * The files and the diagnostics report that sidecar.json records, for callers
 * that show the report too (the preview), so the checks run once per render.
 */
export function renderProject(config: Config, options: ViewOptions = {}): { files: GeneratedFile[]; report: DiagnosticsReport } {
  const resolved = resolveConfig(config);
  const view = buildViewModel(resolved, options);
  const files = new Map<string, string>();
  for (const layer of LAYERS.filter((l) => l.when(resolved))) {
    const prefix = `${layer.dir}/`;
    for (const [templatePath, template] of Object.entries(TEMPLATES)) {
      if (!templatePath.startsWith(prefix)) continue;
      const path = joinPath(layer.into, templatePath.slice(prefix.length));
      if (files.has(path)) throw new Error(`Two template layers write ${path}; layers must not overlap`);
      files.set(path, renderTemplate(templatePath, template, view));
    }
  }
  const report = runDiagnostics(
    [...files].map(([path, content]) => ({ path, content })),
    config,
  );
  files.set("sidecar.json", generationRecord(config, report));
  const sorted = [...files]
    .map(([path, content]) => ({ path, content }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: sorted, report };
}

/** What is needed to regenerate the same project, and the diagnostics report on the files generated. */
function generationRecord(config: Config, report: DiagnosticsReport): string {
  const diagnostics = {
    summary: report.summary.trimEnd().split("\n"),
    counts: report.counts,
    checks: report.results.map(({ id, title, status, findings }) => ({ id, title, status, findings })),
  };
  // The permalink is the query string of the wizard's address (`/?<permalink>`) and of `GET /api/generate`.
  const record = { generator: "sidecar", version: GENERATOR_VERSION, config, permalink: encodePermalink(config), diagnostics };
  return `${JSON.stringify(record, null, 2)}\n`;
}

function joinPath(dir: string, path: string): string {
  return dir ? `${dir}/${path}` : path;
}
