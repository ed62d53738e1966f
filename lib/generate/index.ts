/**
 * generateProject: configuration in, files out. Pure and deterministic (same
 * config, same files in the same order) and free of Node-only APIs, so the
 * same function serves the Web Worker, the CLI and the HTTP route. It knows
 * nothing of what follows it: lib/pipeline adds the diagnostics and
 * sidecar.json.
 */
import { resolveConfig } from "../config/resolve";
import type { Config } from "../config/schema";
import { LAYERS, type Layer } from "./layers";
import { renderTemplate } from "./render";
import { TEMPLATES } from "./templates.generated";
import { buildViewModel, type ViewOptions } from "./view-model";

/** `mode`: the Unix permissions of an executable file (a shell script); other files have none. */
export type GeneratedFile = { path: string; content: string; mode?: number };

/** Shell scripts are run as `scripts/x.sh`, so the zip and a written folder mark them executable. */
const EXECUTABLE = /\.sh$/;
const EXECUTABLE_MODE = 0o755;

export function generateProject(config: Config, options: ViewOptions = {}): GeneratedFile[] {
  const resolved = resolveConfig(config);
  const view = buildViewModel(resolved, options);
  const layers = LAYERS.filter((l) => l.when(resolved));
  const partials = partialsOf(layers);
  const files = new Map<string, string>();
  for (const layer of layers) {
    for (const [templatePath, template] of layerTemplates(layer)) {
      if (templatePath.startsWith(`${layer.dir}/${PARTIALS}/`)) continue;
      const path = joinPath(layer.into, templatePath.slice(layer.dir.length + 1));
      if (files.has(path)) throw new Error(`Two template layers write ${path}; layers must not overlap`);
      files.set(path, renderTemplate(templatePath, template, view, partials));
    }
  }
  return [...files].map(([path, content]) => withMode(path, content)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function withMode(path: string, content: string): GeneratedFile {
  return EXECUTABLE.test(path) ? { path, content, mode: EXECUTABLE_MODE } : { path, content };
}

/** A layer's folder of pieces that shared templates include (`{{> <axis>/<name>}}`) instead of files of their own. */
const PARTIALS = "partials";

function layerTemplates(layer: Layer): [string, string][] {
  return Object.entries(TEMPLATES).filter(([path]) => path.startsWith(`${layer.dir}/`));
}

/**
 * The partials of the chosen values: `framework/hono/partials/x.md` is
 * `{{> framework/x.md}}`, so a shared template names the axis and the chosen
 * value's layer supplies the words.
 */
function partialsOf(layers: Layer[]): Record<string, string> {
  const partials: Record<string, string> = {};
  for (const layer of layers) {
    const prefix = `${layer.dir}/${PARTIALS}/`;
    const axis = layer.dir.split("/")[0];
    for (const [path, template] of layerTemplates(layer)) {
      if (path.startsWith(prefix)) partials[`${axis}/${path.slice(prefix.length)}`] = template;
    }
  }
  return partials;
}

function joinPath(dir: string, path: string): string {
  return dir ? `${dir}/${path}` : path;
}
