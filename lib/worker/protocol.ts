/**
 * Messages between the wizard and its rendering worker. Everything that
 * needs the schema (zod) happens in the worker: validation, reading links
 * and saved configurations, generation, the zip. The main thread stays light.
 */
import type { ResolvedConfig } from "../config/resolve";
import type { Config, ConfigProblem } from "../config/schema";
import type { GeneratedFile } from "../generate";
import type { AppFile, Discovery, FileChange } from "../integrate";
import type { PermalinkNotice } from "../permalink";
import type { PolicyInfo } from "../pipeline/policy";
import type { DiagnosticsView } from "./diagnostics";

export type WorkerRequest =
  | { id: number; type: "render"; input: unknown }
  | { id: number; type: "zip"; input: unknown }
  | { id: number; type: "validate"; input: unknown }
  /** The uploaded app that renders and zips of an "existing" project work on (null forgets it). */
  | { id: number; type: "app"; files: AppFile[] | null }
  /** The folder of the uploaded app that holds the FastAPI app ("" for the upload's top), as the CLI's --app. */
  | { id: number; type: "app-folder"; folder: string }
  /** The configuration to start from: the link's when there is one, else the saved one, else the defaults. */
  | { id: number; type: "load"; query: string; saved: string | null };

/** What became of the uploaded app, for an "existing" project (null for a new one). */
export type IntegrationView =
  | { status: "no-app" }
  | { status: "integrated"; discovery: Discovery; changes: FileChange[]; integrateMs: number }
  | { status: "refused"; discovery?: Discovery; reasons: string[]; integrateMs: number };

export type RenderResult = {
  files: GeneratedFile[];
  permalink: string;
  projectName: string;
  /** The settings that differ from the defaults: the CLI's and the API's input. */
  settings: Record<string, unknown>;
  /** What the "automatic" settings resolve to for this configuration. */
  resolved: ResolvedConfig["resolved"];
  diagnostics: DiagnosticsView;
  /** Time spent in generateProject or integrateApp (and the diagnostics), measured inside the worker. */
  renderMs: number;
  integration: IntegrationView | null;
};

/** The folders of the uploaded app that may hold the FastAPI app, and the one integrated. */
export type AppFolders = { folders: string[]; folder: string };

export type PresetSummary = { id: string; title: string; description: string };

export type LoadResult = {
  config: Config;
  notices: PermalinkNotice[];
  source: "link" | "saved" | "defaults";
  /** The organization policy this Sidecar runs under, if any (read by the worker from /sidecar-policy.json). */
  policy: PolicyInfo | null;
  presets: PresetSummary[];
};

/**
 * The default project's preview as the server computed it: every path, but
 * the content of the first file shown only (the rest come with the worker's
 * first render), and the answer the worker's first load would give.
 */
export type PreviewSnapshot = Pick<RenderResult, "permalink" | "projectName" | "settings" | "resolved" | "diagnostics"> & {
  paths: string[];
  files: GeneratedFile[];
  load: LoadResult;
};

export type WorkerResponse =
  | ({ id: number; type: "rendered" } & RenderResult)
  | { id: number; type: "zipped"; fileName: string; bytes: Uint8Array }
  | ({ id: number; type: "app-set" } & AppFolders)
  /** The uploaded app cannot be integrated (or none was given): what blocks it. */
  | { id: number; type: "refused"; reasons: string[] }
  | ({ id: number; type: "loaded" } & LoadResult)
  | { id: number; type: "valid"; config: Config }
  | { id: number; type: "invalid"; problems: ConfigProblem[] }
  | { id: number; type: "failed"; message: string };
