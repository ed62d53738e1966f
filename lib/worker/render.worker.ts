/**
 * The wizard's worker: validation, links, generation, integration into an
 * uploaded app, diagnostics and the zip all run here, off the main thread.
 * The zip is built by the same lib/zip the CLI uses, so both give identical
 * bytes for one config (and one upload). The integration of an uploaded app
 * and the zip writer load on first use: a new project's first preview needs
 * neither.
 */
import { parseConfig, type Config } from "../config/schema";
import type { AppFile, OutputFile } from "../integrate";
import { buildProject } from "../pipeline";
import { frontFor, type Front } from "../pipeline/policy";
import { fetchServedPolicy } from "../pipeline/served-policy";
import { decodePermalink } from "../permalink";
import { NO_DIAGNOSTICS } from "./diagnostics";
import { configView, newProjectView, presetSummaries } from "./project-view";
import type { AppFolders, LoadResult, RenderResult, WorkerRequest, WorkerResponse } from "./protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** A response without its id (distributes over the union, so each variant keeps its own fields). */
type Answer = WorkerResponse extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;
type Reply = (message: Answer, transfer?: Transferable[]) => void;

/** The app the user uploaded for an "existing" project; it never leaves this worker. */
let uploadedApp: AppFile[] | null = null;
/** Its folders that may hold the FastAPI app, and the one integrated ("" for the whole upload). */
let appFolders: AppFolders = { folders: [], folder: "" };

/** The policy and everything it decides; set by the first load, used by every later request. */
let front: Front = frontFor();

async function load(query: string, saved: string | null): Promise<LoadResult> {
  front = frontFor(await fetchServedPolicy());
  const common = { policy: front.info ?? null, presets: presetSummaries(front) };
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

async function outcome(config: Config): Promise<Pick<RenderResult, "files" | "diagnostics" | "integration">> {
  if (config.projectType === "new") return newProjectView(config, front);
  if (!uploadedApp) return { files: [], diagnostics: NO_DIAGNOSTICS, integration: { status: "no-app" } };
  const { integrationOutcome } = await import("./integration");
  return integrationOutcome(uploadedApp, config, appFolders.folder);
}

async function render(config: Config): Promise<RenderResult> {
  const started = performance.now();
  const rendered = await outcome(config);
  const renderMs = performance.now() - started;
  return { ...rendered, renderMs, ...configView(config, front) };
}

/** The zip's files, or the reasons there are none. */
async function zipFiles(config: Config): Promise<{ files: OutputFile[] } | { reasons: string[] }> {
  if (config.projectType === "new") return { files: buildProject(config, front.record).files };
  if (!uploadedApp) return { reasons: ["Choose your app's folder or zip first: a link carries the answers, never the app."] };
  const { integrateApp } = await import("../integrate");
  const result = integrateApp(uploadedApp, config, { appPath: appFolders.folder });
  return result.ok ? { files: result.files } : { reasons: result.reasons };
}

/** The upload's candidate folders; the whole upload is integrated unless only folders inside it are candidates. */
async function foldersOf(app: readonly AppFile[] | null): Promise<AppFolders> {
  if (!app) return { folders: [], folder: "" };
  const { appFolders: candidates } = await import("../integrate/folders");
  const folders = candidates(app);
  return { folders, folder: folders.includes("") ? "" : (folders[0] ?? "") };
}

async function handle(request: WorkerRequest, reply: Reply) {
  if (request.type === "load") {
    reply({ type: "loaded", ...(await load(request.query, request.saved)) });
    return;
  }
  if (request.type === "app") {
    const folders = await foldersOf(request.files);
    uploadedApp = request.files;
    appFolders = folders;
    reply({ type: "app-set", ...appFolders });
    return;
  }
  if (request.type === "app-folder") {
    if (!appFolders.folders.includes(request.folder)) throw new Error(`${request.folder} is not one of the upload's app folders.`);
    appFolders = { ...appFolders, folder: request.folder };
    reply({ type: "app-set", ...appFolders });
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
    reply({ type: "rendered", ...(await render(config)) });
    return;
  }
  const zipped = await zipFiles(config);
  if ("reasons" in zipped) {
    reply({ type: "refused", reasons: zipped.reasons });
    return;
  }
  const { zipProject } = await import("../zip");
  const bytes = await zipProject(config.projectName, zipped.files);
  reply({ type: "zipped", fileName: `${config.projectName}.zip`, bytes }, [bytes.buffer]);
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id } = event.data;
  const reply: Reply = (message, transfer = []) => scope.postMessage({ ...message, id }, transfer);
  handle(event.data, reply).catch((error: unknown) => reply({ type: "failed", message: error instanceof Error ? error.message : String(error) }));
};
