/**
 * The wizard's worker: validation, links, generation, integration into an
 * uploaded app, diagnostics and the zip all run here, off the main thread.
 * The zip is built by the same lib/zip the CLI uses, so both give identical
 * bytes for one config (and one upload).
 */
import { resolveConfig } from "../config/resolve";
import { parseConfig, type Config } from "../config/schema";
import { runDiagnostics } from "../diagnostics";
import { decodeText } from "../doctor/read";
import type { GeneratedFile } from "../generate";
import { integrateApp, type AppFile, type OutputFile } from "../integrate";
import { buildProject } from "../pipeline";
import { frontFor, type Front } from "../pipeline/policy";
import { fetchServedPolicy } from "../pipeline/served-policy";
import { decodePermalink, encodePermalink, nonDefaultSettings } from "../permalink";
import { zipProject } from "../zip";
import { diagnosticsView } from "./diagnostics";
import type { IntegrationView, LoadResult, RenderResult, WorkerRequest, WorkerResponse } from "./protocol";

/** Nothing to check yet: no app, or one that cannot be integrated. */
const NOT_RUN = { ran: false, checks: [] };

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** A response without its id (distributes over the union, so each variant keeps its own fields). */
type Answer = WorkerResponse extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;
type Reply = (message: Answer, transfer?: Transferable[]) => void;

/** The app the user uploaded for an "existing" project; it never leaves this worker. */
let uploadedApp: AppFile[] | null = null;

/** The policy and everything it decides; set by the first load, used by every later request. */
let front: Front = frontFor();

async function load(query: string, saved: string | null): Promise<LoadResult> {
  front = frontFor(await fetchServedPolicy());
  const common = { policy: front.info ?? null, presets: front.presets.map(({ id, title, description }) => ({ id, title, description })) };
  const link = decodePermalink(query, front.link);
  if (link.present) return { config: link.config, notices: link.notices, source: "link", ...common };
  try {
    const parsed = parseConfig(JSON.parse(saved ?? "null"));
    if (parsed.ok && front.problems(parsed.config).length === 0) return { config: parsed.config, notices: [], source: "saved", ...common };
  } catch {
    // An unreadable saved copy is ignored: the defaults are used.
  }
  return { config: front.start, notices: [], source: "defaults", ...common };
}

/** The schema's verdict, then the policy's. */
function check(input: unknown) {
  const parsed = parseConfig(input);
  if (!parsed.ok) return parsed;
  const problems = front.problems(parsed.config);
  return problems.length === 0 ? parsed : { ok: false as const, problems };
}

/** Binary files are listed in the preview but not shown. */
function previewable(file: OutputFile): GeneratedFile {
  if (typeof file.content === "string") return { path: file.path, content: file.content };
  return { path: file.path, content: decodeText(file.content) ?? `(binary file, ${file.content.length} bytes)` };
}

function outcome(config: Config): Pick<RenderResult, "files" | "diagnostics" | "integration"> {
  if (config.projectType === "new") {
    const { files, report } = buildProject(config, front.record);
    return { files, diagnostics: diagnosticsView(report), integration: null };
  }
  if (!uploadedApp) return { files: [], diagnostics: NOT_RUN, integration: { status: "no-app" } };
  const started = performance.now();
  const result = integrateApp(uploadedApp, config);
  const integrateMs = performance.now() - started;
  if (!result.ok) {
    return { files: [], diagnostics: NOT_RUN, integration: { status: "refused", discovery: result.discovery, reasons: result.reasons, integrateMs } };
  }
  const files = result.files.map(previewable);
  const integration: IntegrationView = { status: "integrated", discovery: result.discovery, changes: result.changes, integrateMs };
  return { files, diagnostics: diagnosticsView(runDiagnostics(files, config)), integration };
}

function render(config: Config): RenderResult {
  const started = performance.now();
  const rendered = outcome(config);
  const renderMs = performance.now() - started;
  return {
    ...rendered,
    renderMs,
    permalink: encodePermalink(config, front.start),
    projectName: config.projectName,
    settings: nonDefaultSettings(config, front.start),
    resolved: resolveConfig(config).resolved,
  };
}

/** The zip's files, or the reasons there are none. */
function zipFiles(config: Config): { files: OutputFile[] } | { reasons: string[] } {
  if (config.projectType === "new") return { files: buildProject(config, front.record).files };
  if (!uploadedApp) return { reasons: ["Choose your app's folder or zip first: a link carries the answers, never the app."] };
  const result = integrateApp(uploadedApp, config);
  return result.ok ? { files: result.files } : { reasons: result.reasons };
}

async function handle(request: WorkerRequest, reply: Reply) {
  if (request.type === "load") {
    reply({ type: "loaded", ...(await load(request.query, request.saved)) });
    return;
  }
  if (request.type === "app") {
    uploadedApp = request.files;
    reply({ type: "app-set" });
    return;
  }
  const parsed = check(request.input);
  if (!parsed.ok) {
    reply({ type: "invalid", problems: parsed.problems });
    return;
  }
  const { config } = parsed;
  if (request.type === "validate") {
    reply({ type: "valid", config });
    return;
  }
  if (request.type === "render") {
    reply({ type: "rendered", ...render(config) });
    return;
  }
  const zipped = zipFiles(config);
  if ("reasons" in zipped) {
    reply({ type: "refused", reasons: zipped.reasons });
    return;
  }
  const bytes = await zipProject(config.projectName, zipped.files);
  reply({ type: "zipped", fileName: `${config.projectName}.zip`, bytes }, [bytes.buffer]);
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id } = event.data;
  const reply: Reply = (message, transfer = []) => scope.postMessage({ ...message, id }, transfer);
  handle(event.data, reply).catch((error: unknown) => reply({ type: "failed", message: error instanceof Error ? error.message : String(error) }));
};
