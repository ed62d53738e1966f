/**
 * What the preview shows of a configuration, shared by the worker and by the
 * page's snapshot of the default project (computed on the server when the
 * page is built, so the first paint needs no worker).
 */
import { resolveConfig } from "../config/resolve";
import type { Config } from "../config/schema";
import { buildProject } from "../pipeline";
import type { Front } from "../pipeline/policy";
import { encodePermalink, nonDefaultSettings } from "../permalink";
import { diagnosticsView } from "./diagnostics";
import type { PresetSummary, RenderResult } from "./protocol";

/** Everything about a configuration but its files. */
export function configView(config: Config, front: Front): Pick<RenderResult, "permalink" | "projectName" | "settings" | "resolved"> {
  return {
    permalink: encodePermalink(config, front.start),
    projectName: config.projectName,
    settings: nonDefaultSettings(config, front.start),
    resolved: resolveConfig(config).resolved,
  };
}

/** A new project's files and their diagnostics. */
export function newProjectView(config: Config, front: Front): Pick<RenderResult, "files" | "diagnostics" | "integration"> {
  const { files, report } = buildProject(config, front.record);
  return { files, diagnostics: diagnosticsView(report), integration: null };
}

export const presetSummaries = (front: Front): PresetSummary[] => front.presets.map(({ id, title, description }) => ({ id, title, description }));
