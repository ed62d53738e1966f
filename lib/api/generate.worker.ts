/** A worker thread of the API's pool: answers each GenerateRequest posted to it, one at a time. */
import { parentPort } from "node:worker_threads";
import { runGenerateRequest, type GenerateRequest } from "./generate-job";

const port = parentPort!;

async function answer(request: GenerateRequest): Promise<void> {
  const result = await runGenerateRequest(request);
  // The zip moves to the main thread rather than being copied.
  port.postMessage(result, result.ok ? [result.bytes.buffer as ArrayBuffer] : []);
}

// A rejection stays unhandled, as it did when the listener itself was async.
port.on("message", (request: GenerateRequest) => void answer(request));
