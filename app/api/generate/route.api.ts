/**
 * The headless twin of the wizard: the same generator and zip as the browser.
 *
 *   POST /api/generate            body: a JSON configuration (partial; defaults fill the rest)
 *   POST /api/generate            multipart/form-data: `config` (JSON) and `app` (a zip of an
 *                                 existing FastAPI app, optionally `appPath` inside it)
 *   GET  /api/generate?<permalink> the wizard's link query, e.g. ?v=1&db=supabase&sv=database
 *
 * Invalid input gets 400 with the field errors, an upload past the doctor's
 * limits 413, an app that cannot be integrated 422 with the reasons. Only on
 * the server build: the static build leaves this file out (see next.config.mjs).
 */
import { parseConfig, type Config } from "@/lib/config/schema";
import { LIMITS, UploadError, UploadLimitError } from "@/lib/doctor/limits";
import { readProject } from "@/lib/doctor/read";
import { zipEntries } from "@/lib/doctor/zip";
import { generateProject } from "@/lib/generate";
import { integrateApp } from "@/lib/integrate";
import { appFilesFromProject } from "@/lib/integrate/upload";
import { decodePermalink } from "@/lib/permalink";
import { zipProject, type ArchiveFile } from "@/lib/zip";

/** A full configuration is under 4 kB of JSON; anything far larger is not one. */
export const MAX_BODY_BYTES = 64 * 1024;
/** A multipart body: the app's zip at the doctor's upload limit, plus the configuration and the form's framing. */
export const MAX_MULTIPART_BYTES = LIMITS.maxUploadBytes + MAX_BODY_BYTES;

type FieldError = { path: string; message: string };

function problems(status: number, error: string, fields: FieldError[] = []): Response {
  return Response.json({ error, problems: fields }, { status });
}

async function zipResponse(config: Config, files: readonly ArchiveFile[] = generateProject(config)): Promise<Response> {
  const bytes = await zipProject(config.projectName, files);
  return new Response(bytes as BodyInit, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${config.projectName}.zip"`,
      "cache-control": "no-store",
    },
  });
}

/** The body's bytes, or null once they exceed `limit` (read in chunks, never buffered past it). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
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

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

async function postJson(request: Request): Promise<Response> {
  const body = await readLimited(request, MAX_BODY_BYTES);
  if (body === null) return problems(413, `The request body is larger than ${MAX_BODY_BYTES} bytes`);
  const json = parseJson(new TextDecoder().decode(body));
  if (!json.ok) return problems(400, "The request body is not valid JSON");
  const parsed = parseConfig(json.value);
  if (!parsed.ok) return problems(400, "Invalid configuration", parsed.problems);
  return zipResponse(parsed.config);
}

/** An existing app: the zip read by the doctor's safe reader, integrated, the result zipped as the CLI zips it. */
async function postApp(request: Request): Promise<Response> {
  const body = await readLimited(request, MAX_MULTIPART_BYTES);
  if (body === null) return problems(413, `The request body is larger than ${MAX_MULTIPART_BYTES} bytes (the app's zip may be up to ${LIMITS.maxUploadBytes})`);
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
  } catch {
    return problems(400, "The request body is not valid multipart/form-data");
  }
  const config = form.get("config");
  const app = form.get("app");
  const appPath = form.get("appPath");
  if (typeof config !== "string") return problems(400, "The form needs a `config` field holding the JSON configuration");
  if (!(app instanceof Blob)) return problems(400, "The form needs an `app` file field holding a zip of the app");
  const json = parseJson(config);
  if (!json.ok) return problems(400, "The `config` field is not valid JSON");
  // An uploaded app makes the project an existing one unless the configuration says otherwise.
  const parsed = parseConfig({ projectType: "existing", ...(json.value as object) });
  if (!parsed.ok) return problems(400, "Invalid configuration", parsed.problems);
  if (parsed.config.projectType !== "existing") return problems(400, 'An app upload needs "projectType": "existing"', [{ path: "projectType", message: 'Must be "existing" with an app upload' }]);
  let project;
  try {
    project = await readProject(await zipEntries(new Uint8Array(await app.arrayBuffer())));
  } catch (error) {
    if (error instanceof UploadLimitError) return problems(413, error.message);
    if (error instanceof UploadError) return problems(400, error.message);
    throw error;
  }
  const result = integrateApp(appFilesFromProject(project), parsed.config, typeof appPath === "string" && appPath ? { appPath } : {});
  if (!result.ok) return Response.json({ error: "The app cannot be integrated", reasons: result.reasons }, { status: 422 });
  return zipResponse(parsed.config, result.files);
}

export async function POST(request: Request): Promise<Response> {
  const multipart = request.headers.get("content-type")?.startsWith("multipart/form-data");
  return multipart ? postApp(request) : postJson(request);
}

export async function GET(request: Request): Promise<Response> {
  const decoded = decodePermalink(new URL(request.url).search);
  if (decoded.notices.length > 0) {
    const fields = decoded.notices.map((n) => ({ path: n.field ?? "(link)", message: n.message }));
    return problems(400, "Invalid configuration link", fields);
  }
  return zipResponse(decoded.config);
}
