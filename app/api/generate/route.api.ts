/**
 * The headless twin of the wizard: the same generator and zip as the browser.
 *
 *   POST /api/generate            body: a JSON configuration (partial; defaults fill the rest)
 *   GET  /api/generate?<permalink> the wizard's link query, e.g. ?v=1&db=supabase&sv=database
 *
 * Invalid input gets 400 with the field errors. Only on the server build: the
 * static build leaves this file out (see next.config.mjs).
 */
import { parseConfig, type Config } from "@/lib/config/schema";
import { buildProject } from "@/lib/pipeline";
import { decodePermalink } from "@/lib/permalink";
import { zipProject } from "@/lib/zip";

/** A full configuration is under 4 kB of JSON; anything far larger is not one. */
export const MAX_BODY_BYTES = 64 * 1024;

type FieldError = { path: string; message: string };

function problems(status: number, error: string, fields: FieldError[] = []): Response {
  return Response.json({ error, problems: fields }, { status });
}

async function zipResponse(config: Config): Promise<Response> {
  const bytes = await zipProject(config.projectName, buildProject(config).files);
  return new Response(bytes as BodyInit, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${config.projectName}.zip"`,
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
  const text = await readLimited(request);
  if (text === null) return problems(413, `The request body is larger than ${MAX_BODY_BYTES} bytes`);
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return problems(400, "The request body is not valid JSON");
  }
  const parsed = parseConfig(input);
  if (!parsed.ok) return problems(400, "Invalid configuration", parsed.problems);
  return zipResponse(parsed.config);
}

export async function GET(request: Request): Promise<Response> {
  const decoded = decodePermalink(new URL(request.url).search);
  if (decoded.notices.length > 0) {
    const fields = decoded.notices.map((n) => ({ path: n.field ?? "(link)", message: n.message }));
    return problems(400, "Invalid configuration link", fields);
  }
  return zipResponse(decoded.config);
}
