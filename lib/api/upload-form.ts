/**
 * Reading a request body within a limit, and the multipart form that brings
 * an existing app (`config` JSON, `app` zip, optional `appPath`) to the HTTP
 * API: checked here on the server's thread, before the pool does the work.
 */
import { LIMITS } from "../doctor/limits";
import type { GenerateRequest } from "./generate-job";

/** A full configuration is under 4 kB of JSON; anything far larger is not one. */
export const MAX_BODY_BYTES = 64 * 1024;
/** A multipart body: the app's zip at the doctor's upload limit, plus the configuration and the form's framing. */
const MAX_MULTIPART_BYTES = LIMITS.maxUploadBytes + MAX_BODY_BYTES;

/** The body's bytes, or null once they exceed `limit` (read in chunks, never buffered past it). */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export const isMultipart = (request: Request) => request.headers.get("content-type")?.startsWith("multipart/form-data") ?? false;

export type FormRefusal = { status: 400 | 413; error: string };

/** The upload as a job for the pool, or why the form is refused. */
export async function appUploadRequest(request: Request): Promise<GenerateRequest | FormRefusal> {
  const body = await readLimited(request, MAX_MULTIPART_BYTES);
  if (body === null)
    return { status: 413, error: `The request body is larger than ${MAX_MULTIPART_BYTES} bytes (the app's zip may be up to ${LIMITS.maxUploadBytes})` };
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
  } catch {
    return { status: 400, error: "The request body is not valid multipart/form-data" };
  }
  const config = form.get("config");
  const app = form.get("app");
  const appPath = form.get("appPath");
  if (typeof config !== "string") return { status: 400, error: "The form needs a `config` field holding the JSON configuration" };
  if (!(app instanceof Blob)) return { status: 400, error: "The form needs an `app` file field holding a zip of the app" };
  return { method: "POST", config, app: new Uint8Array(await app.arrayBuffer()), ...(typeof appPath === "string" && appPath ? { appPath } : {}) };
}
