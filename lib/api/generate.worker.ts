/** A worker thread of the API's pool: answers each GenerateRequest posted to it, one at a time. */
import { parentPort } from "node:worker_threads";
import { runGenerateRequest, type GenerateRequest } from "./generate-job";

const port = parentPort!;

port.on("message", async (request: GenerateRequest) => {
  const result = await runGenerateRequest(request);
  // The zip moves to the main thread rather than being copied.
  port.postMessage(result, result.ok ? [result.bytes.buffer as ArrayBuffer] : []);
});
