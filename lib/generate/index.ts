/**
 * generateProject: configuration in, files out. Pure and deterministic (same
 * config, same files in the same order) and free of Node-only APIs, so the
 * same function serves the Web Worker, the CLI and the HTTP route. It knows
 * nothing of what follows it: lib/pipeline adds the diagnostics and
 * sidecar.json.
 */
import { resolveConfig } from "../config/resolve";
import type { Config } from "../config/schema";
import { LAYERS } from "./layers";
import { renderTemplate } from "./render";
import { TEMPLATES } from "./templates.generated";
import { buildViewModel } from "./view-model";

export type GeneratedFile = { path: string; content: string };

export function generateProject(config: Config): GeneratedFile[] {
  const resolved = resolveConfig(config);
  const view = buildViewModel(resolved);
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
  return [...files]
    .map(([path, content]) => ({ path, content }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function joinPath(dir: string, path: string): string {
  return dir ? `${dir}/${path}` : path;
}
