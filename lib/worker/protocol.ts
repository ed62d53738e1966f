/** Messages between the wizard and its rendering worker. */
import type { ConfigProblem } from "../config/schema";
import type { GeneratedFile } from "../generate";
import type { DiagnosticsView } from "./diagnostics";

export type WorkerRequest =
  | { id: number; type: "render"; input: unknown }
  | { id: number; type: "zip"; input: unknown };

export type RenderResult = {
  files: GeneratedFile[];
  permalink: string;
  diagnostics: DiagnosticsView;
  /** Time spent in generateProject (and the diagnostics), measured inside the worker. */
  renderMs: number;
};

export type WorkerResponse =
  | ({ id: number; type: "rendered" } & RenderResult)
  | { id: number; type: "zipped"; fileName: string; bytes: Uint8Array }
  | { id: number; type: "invalid"; problems: ConfigProblem[] }
  | { id: number; type: "failed"; message: string };
