/**
 * The preview of an "existing" project: the uploaded app integrated, its
 * files made showable, the diagnostics run on the result. Its own module so
 * the worker loads the integration code only once an app is uploaded.
 */
import type { Config } from "../config/schema";
import { runDiagnostics } from "../diagnostics";
import { decodeText } from "../doctor/read";
import type { GeneratedFile } from "../generate";
import { integrateApp, type AppFile, type OutputFile } from "../integrate";
import { diagnosticsView, NO_DIAGNOSTICS } from "./diagnostics";
import type { IntegrationView, RenderResult } from "./protocol";

/** Binary files are listed in the preview but not shown. */
function previewable(file: OutputFile): GeneratedFile {
  if (typeof file.content === "string") return { path: file.path, content: file.content };
  return { path: file.path, content: decodeText(file.content) ?? `(binary file, ${file.content.length} bytes)` };
}

/** `appPath`: the folder of the upload holding the FastAPI app ("" for the whole upload). */
export function integrationOutcome(app: readonly AppFile[], config: Config, appPath: string): Pick<RenderResult, "files" | "diagnostics" | "integration"> {
  const started = performance.now();
  const result = integrateApp(app, config, { appPath });
  const integrateMs = performance.now() - started;
  if (!result.ok) {
    return { files: [], diagnostics: NO_DIAGNOSTICS, integration: { status: "refused", discovery: result.discovery, reasons: result.reasons, integrateMs } };
  }
  const files = result.files.map(previewable);
  const integration: IntegrationView = { status: "integrated", discovery: result.discovery, changes: result.changes, integrateMs };
  return { files, diagnostics: diagnosticsView(runDiagnostics(files, config)), integration };
}
