/**
 * The main thread's side of the rendering worker. `render` answers only the
 * newest request: an answer to an older one (the user kept typing) resolves
 * to null and is ignored by the caller, unless it is asked to keep it.
 */
import type { Config, ConfigProblem } from "../config/schema";
import type { AppFile } from "../integrate";
import type { AppFolders, LoadResult, RenderResult, WorkerRequest, WorkerResponse } from "./protocol";

type RenderOutcome = ({ kind: "rendered" } & RenderResult) | { kind: "invalid"; problems: ConfigProblem[] } | { kind: "failed"; message: string };

type ValidateOutcome = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

export type ProjectWorker = {
  /** `keep`: answer even when a newer render was asked for meanwhile. */
  render(input: unknown, options?: { keep?: boolean }): Promise<RenderOutcome | null>;
  validate(input: unknown): Promise<ValidateOutcome>;
  load(query: string, saved: string | null): Promise<LoadResult>;
  zip(input: unknown): Promise<{ fileName: string; bytes: Uint8Array }>;
  /** Hands the uploaded app to the worker (its buffers are moved, not copied); null forgets it. */
  setApp(files: AppFile[] | null): Promise<AppFolders>;
  /** Integrates the uploaded app's folder `folder` from now on. */
  setAppFolder(folder: string): Promise<AppFolders>;
  terminate(): void;
};

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

function unexpected(answer: WorkerResponse): never {
  throw new Error(answer.type === "failed" ? answer.message : `unexpected answer from the worker: ${answer.type}`);
}

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

  function send(request: Request, transfer: Transferable[] = []): { id: number; response: Promise<WorkerResponse> } {
    const id = nextId++;
    const response = new Promise<WorkerResponse>((resolve) => pending.set(id, resolve));
    worker.postMessage({ ...request, id }, transfer);
    return { id, response };
  }

  return {
    async render(input, { keep = false } = {}) {
      const { id, response } = send({ type: "render", input });
      if (!keep) latestRender = id;
      const answer = await response;
      if (!keep && id !== latestRender) return null;
      if (answer.type === "rendered") {
        const { id: _id, type: _type, ...result } = answer;
        return { kind: "rendered", ...result };
      }
      if (answer.type === "invalid") return { kind: "invalid", problems: answer.problems };
      if (answer.type === "failed") return { kind: "failed", message: answer.message };
      return unexpected(answer);
    },
    async validate(input) {
      const answer = await send({ type: "validate", input }).response;
      if (answer.type === "valid") return { ok: true, config: answer.config };
      if (answer.type === "invalid") return { ok: false, problems: answer.problems };
      return unexpected(answer);
    },
    async load(query, saved) {
      const answer = await send({ type: "load", query, saved }).response;
      if (answer.type === "loaded") {
        const { config, notices, source, policy, presets } = answer;
        return { config, notices, source, policy, presets };
      }
      return unexpected(answer);
    },
    async zip(input) {
      const answer = await send({ type: "zip", input }).response;
      if (answer.type === "zipped") return { fileName: answer.fileName, bytes: answer.bytes };
      if (answer.type === "invalid") throw new Error(answer.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
      if (answer.type === "refused") throw new Error(answer.reasons.join(" "));
      return unexpected(answer);
    },
    async setApp(files) {
      const buffers = new Set((files ?? []).map((f) => f.bytes.buffer as ArrayBuffer));
      const answer = await send({ type: "app", files }, [...buffers]).response;
      return answer.type === "app-set" ? { folders: answer.folders, folder: answer.folder } : unexpected(answer);
    },
    async setAppFolder(folder) {
      const answer = await send({ type: "app-folder", folder }).response;
      return answer.type === "app-set" ? { folders: answer.folders, folder: answer.folder } : unexpected(answer);
    },
    terminate: () => worker.terminate(),
  };
}
