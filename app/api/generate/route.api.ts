/**
 * The headless twin of the wizard: the same generator and zip as the browser.
 *
 *   POST /api/generate            body: a JSON configuration (partial; defaults fill the rest)
 *   POST /api/generate            multipart/form-data: `config` (JSON) and `app` (a zip of an
 *                                 existing FastAPI app; optionally `appPath`, its folder inside the zip)
 *   GET  /api/generate?<permalink> the wizard's link query, e.g. ?v=1&db=supabase&sv=database
 *
 * Invalid input gets 400 with the field errors, an upload past the doctor's
 * limits 413, an app that cannot be integrated 422 with the reasons. Generation runs in a small
 * pool of worker threads, so the server keeps answering other pages meanwhile;
 * a client over its limit gets 429, and a full pool 503, both with Retry-After.
 * Only on the server build: the static build leaves this file out (see next.config.mjs).
 */
import { availableParallelism } from "node:os";
import { clientAddress, RECEIVED_FORWARDED_FOR, trustedProxiesFrom } from "@/lib/api/client-address";
import type { FieldError, GenerateRequest } from "@/lib/api/generate-job";
import { GeneratorPool } from "@/lib/api/pool";
import { ClientRateLimit } from "@/lib/api/rate-limit";
import { appUploadRequest, isMultipart, MAX_BODY_BYTES, readLimited } from "@/lib/api/upload-form";

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

/** Leaves a core to the server itself; generation takes tens of milliseconds, so a few threads suffice. */
const pool = new GeneratorPool({
  workers: setting("SIDECAR_API_WORKERS", Math.min(4, Math.max(1, availableParallelism() - 1))),
  queue: setting("SIDECAR_API_QUEUE", 16),
});
const RATE_WINDOW_SECONDS = 60;
const limiter = new ClientRateLimit(setting("SIDECAR_API_RATE_LIMIT", 30), RATE_WINDOW_SECONDS);
const trustedProxies = trustedProxiesFrom(process.env.SIDECAR_TRUSTED_PROXIES);
/** How long a client is asked to wait when every worker and queue slot is taken. */
const BUSY_RETRY_SECONDS = 2;

function problems(status: number, error: string, fields: FieldError[] = [], headers: HeadersInit = {}, reasons?: string[]): Response {
  return Response.json({ error, problems: fields, ...(reasons ? { reasons } : {}) }, { status, headers });
}

const tooBusy = () => problems(503, "The generator is busy; retry shortly", [], { "retry-after": String(BUSY_RETRY_SECONDS) });

/** 429 when this client has used its requests of the current window, else null. */
function overClientLimit(request: Request): Response | null {
  const peer = request.headers.get("x-forwarded-for") ?? "unknown";
  const client = clientAddress(peer, request.headers.get(RECEIVED_FORWARDED_FOR), trustedProxies);
  const decision = limiter.take(client);
  if (decision.allowed) return null;
  return problems(429, `Too many requests: at most ${limiter.max} per ${RATE_WINDOW_SECONDS} s from one client`, [], {
    "retry-after": String(decision.retryAfterSeconds),
  });
}

async function generate(job: GenerateRequest): Promise<Response> {
  const running = pool.run(job);
  if (!running) return tooBusy();
  let result;
  try {
    result = await running;
  } catch (error) {
    console.error("POST /api/generate:", error);
    return problems(500, "Generation failed; the error was logged on the server");
  }
  if (!result.ok) return problems(result.status, result.error, result.problems, {}, result.reasons);
  return new Response(result.bytes as BodyInit, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${result.fileName}"`,
      "cache-control": "no-store",
    },
  });
}

export async function POST(request: Request): Promise<Response> {
  // Refusals come before the body is read, so a burst holds no bodies.
  const limited = overClientLimit(request);
  if (limited) return limited;
  if (pool.full) return tooBusy();
  if (isMultipart(request)) {
    const upload = await appUploadRequest(request);
    return "status" in upload ? problems(upload.status, upload.error) : generate(upload);
  }
  const body = await readLimited(request, MAX_BODY_BYTES);
  if (body === null) return problems(413, `The request body is larger than ${MAX_BODY_BYTES} bytes`);
  return generate({ method: "POST", body: new TextDecoder().decode(body) });
}

export async function GET(request: Request): Promise<Response> {
  return overClientLimit(request) ?? generate({ method: "GET", search: new URL(request.url).search });
}
