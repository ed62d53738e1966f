/**
 * The wizard's worker: validation, links, generation, diagnostics and the zip
 * all run here, off the main thread. The zip is built by the same lib/zip the
 * CLI uses, so both give identical bytes for one config.
 */
import { resolveConfig } from "../config/resolve";
import { DEFAULT_CONFIG, parseConfig, type Config } from "../config/schema";
import { generateProject, renderProject } from "../generate";
import { decodePermalink, encodePermalink, nonDefaultSettings } from "../permalink";
import { zipProject } from "../zip";
import { diagnosticsView } from "./diagnostics";
import type { LoadResult, WorkerRequest, WorkerResponse } from "./protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** A response without its id (distributes over the union, so each variant keeps its own fields). */
type Answer = WorkerResponse extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;
type Reply = (message: Answer, transfer?: Transferable[]) => void;

function load(query: string, saved: string | null): LoadResult {
  const link = decodePermalink(query);
  if (link.present) return { config: link.config, notices: link.notices, source: "link" };
  try {
    const parsed = parseConfig(JSON.parse(saved ?? "null"));
    if (parsed.ok) return { config: parsed.config, notices: [], source: "saved" };
  } catch {
    // An unreadable saved copy is ignored: the defaults are used.
  }
  return { config: DEFAULT_CONFIG, notices: [], source: "defaults" };
}

function render(config: Config) {
  const started = performance.now();
  const { files, report } = renderProject(config);
  const diagnostics = diagnosticsView(report);
  const renderMs = performance.now() - started;
  return {
    files,
    diagnostics,
    renderMs,
    permalink: encodePermalink(config),
    projectName: config.projectName,
    settings: nonDefaultSettings(config),
    resolved: resolveConfig(config).resolved,
  };
}

async function handle(request: WorkerRequest, reply: Reply) {
  if (request.type === "load") { reply({ type: "loaded", ...load(request.query, request.saved) }); return; }
  const parsed = parseConfig(request.input);
  if (!parsed.ok) { reply({ type: "invalid", problems: parsed.problems }); return; }
  const { config } = parsed;
  if (request.type === "validate") { reply({ type: "valid", config }); return; }
  if (request.type === "render") { reply({ type: "rendered", ...render(config) }); return; }
  const bytes = await zipProject(config.projectName, generateProject(config));
  reply({ type: "zipped", fileName: `${config.projectName}.zip`, bytes }, [bytes.buffer]);
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id } = event.data;
  const reply: Reply = (message, transfer = []) => scope.postMessage({ ...message, id }, transfer);
  handle(event.data, reply).catch((error: unknown) =>
    reply({ type: "failed", message: error instanceof Error ? error.message : String(error) }),
  );
};
