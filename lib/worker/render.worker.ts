/**
 * The wizard's rendering worker: validation, generation, diagnostics and the
 * zip all run here, off the main thread. The zip is built by the same
 * lib/zip the CLI uses, so both give identical bytes for one config.
 */
import { parseConfig } from "../config/schema";
import { generateProject } from "../generate";
import { encodePermalink } from "../permalink";
import { zipProject } from "../zip";
import { diagnose } from "./diagnostics";
import type { WorkerRequest, WorkerResponse } from "./protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;

function reply(message: WorkerResponse, transfer: Transferable[] = []) {
  scope.postMessage(message, transfer);
}

async function handle(request: WorkerRequest) {
  const parsed = parseConfig(request.input);
  if (!parsed.ok) return reply({ id: request.id, type: "invalid", problems: parsed.problems });
  const { config } = parsed;
  if (request.type === "render") {
    const started = performance.now();
    const files = generateProject(config);
    const diagnostics = diagnose(files, config);
    const renderMs = performance.now() - started;
    return reply({ id: request.id, type: "rendered", files, diagnostics, renderMs, permalink: encodePermalink(config) });
  }
  const bytes = await zipProject(config.projectName, generateProject(config));
  reply({ id: request.id, type: "zipped", fileName: `${config.projectName}.zip`, bytes }, [bytes.buffer]);
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  handle(event.data).catch((error: unknown) =>
    reply({ id: event.data.id, type: "failed", message: error instanceof Error ? error.message : String(error) }),
  );
};
