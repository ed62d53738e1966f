/**
 * The main thread's side of the rendering worker. `render` answers only the
 * newest request: an answer to an older one (the user kept typing) resolves
 * to null and is ignored by the caller.
 */
import type { RenderResult, WorkerRequest, WorkerResponse } from "./protocol";

export type RenderOutcome =
  | ({ kind: "rendered" } & RenderResult)
  | { kind: "invalid"; problems: { path: string; message: string }[] }
  | { kind: "failed"; message: string };

export type ProjectWorker = {
  render(input: unknown): Promise<RenderOutcome | null>;
  zip(input: unknown): Promise<{ fileName: string; bytes: Uint8Array }>;
  terminate(): void;
};

export function startProjectWorker(): ProjectWorker {
  const worker = new Worker(new URL("./render.worker.ts", import.meta.url), { type: "module", name: "sidecar-render" });
  const pending = new Map<number, (response: WorkerResponse) => void>();
  let nextId = 1;
  let latestRender = 0;

  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const resolve = pending.get(event.data.id);
    pending.delete(event.data.id);
    resolve?.(event.data);
  };

  function send(request: Omit<WorkerRequest, "id">): { id: number; response: Promise<WorkerResponse> } {
    const id = nextId++;
    const response = new Promise<WorkerResponse>((resolve) => pending.set(id, resolve));
    worker.postMessage({ ...request, id });
    return { id, response };
  }

  return {
    async render(input) {
      const { id, response } = send({ type: "render", input });
      latestRender = id;
      const answer = await response;
      if (id !== latestRender) return null;
      if (answer.type === "rendered") {
        const { id: _id, type: _type, ...result } = answer;
        return { kind: "rendered", ...result };
      }
      if (answer.type === "invalid") return { kind: "invalid", problems: answer.problems };
      if (answer.type === "failed") return { kind: "failed", message: answer.message };
      return { kind: "failed", message: "unexpected answer from the worker" };
    },
    async zip(input) {
      const answer = await send({ type: "zip", input }).response;
      if (answer.type === "zipped") return { fileName: answer.fileName, bytes: answer.bytes };
      if (answer.type === "invalid") throw new Error(answer.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
      throw new Error(answer.type === "failed" ? answer.message : "unexpected answer from the worker");
    },
    terminate: () => worker.terminate(),
  };
}
