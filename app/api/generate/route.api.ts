/**
 * The headless twin of the wizard: the same generator and zip as the browser.
 *
 *   POST /api/generate            body: a JSON configuration (partial; defaults fill the rest)
 *   GET  /api/generate?<permalink> the wizard's link query, e.g. ?v=1&db=supabase&sv=database
 *
 * Invalid input gets 400 with the field errors. Generation runs in a small
 * pool of worker threads, so the server keeps answering other pages meanwhile;
 * a client over its limit gets 429, and a full pool 503, both with Retry-After.
 * Only on the server build: the static build leaves this file out (see next.config.mjs).
 */
import { availableParallelism } from "node:os";
import { clientAddress, RECEIVED_FORWARDED_FOR, trustedProxiesFrom } from "@/lib/api/client-address";
import type { FieldError, GenerateRequest } from "@/lib/api/generate-job";
import { GeneratorPool } from "@/lib/api/pool";
import { ClientRateLimit } from "@/lib/api/rate-limit";

/** A full configuration is under 4 kB of JSON; anything far larger is not one. */
export const MAX_BODY_BYTES = 64 * 1024;

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

function problems(status: number, error: string, fields: FieldError[] = [], headers: HeadersInit = {}): Response {
  return Response.json({ error, problems: fields }, { status, headers });
}

const tooBusy = () =>
  problems(503, "The generator is busy; retry shortly", [], { "retry-after": String(BUSY_RETRY_SECONDS) });

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
  if (!result.ok) return problems(result.status, result.error, result.problems);
  return new Response(result.bytes as BodyInit, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${result.fileName}"`,
      "cache-control": "no-store",
    },
  });
}

/** The body as text, or null once it exceeds the limit (read in chunks, never buffered past it). */
async function readLimited(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export async function POST(request: Request): Promise<Response> {
  // Refusals come before the body is read, so a burst holds no bodies.
  const limited = overClientLimit(request);
  if (limited) return limited;
  if (pool.full) return tooBusy();
  const body = await readLimited(request);
  if (body === null) return problems(413, `The request body is larger than ${MAX_BODY_BYTES} bytes`);
  return generate({ method: "POST", body });
}

export async function GET(request: Request): Promise<Response> {
  return overClientLimit(request) ?? generate({ method: "GET", search: new URL(request.url).search });
}
