/**
 * One request of the HTTP API, from its raw input to a zip or field errors:
 * the part that runs in a worker thread (lib/api/generate.worker.ts), so
 * validating, rendering and compressing never hold the server's event loop.
 */
import { parseConfig, type Config } from "../config/schema";
import { UploadError, UploadLimitError } from "../doctor/limits";
import { readProject } from "../doctor/read";
import { zipEntries } from "../doctor/zip";
import { generateProject } from "../generate";
import { integrateApp } from "../integrate";
import { appFilesFromProject } from "../integrate/upload";
import { decodePermalink } from "../permalink";
import { zipProject, type ArchiveFile } from "../zip";

/** An existing app's zip and its configuration, from a multipart form (see ./upload-form). */
export type AppUploadRequest = { method: "POST"; config: string; app: Uint8Array; appPath?: string };

export type GenerateRequest = { method: "POST"; body: string } | { method: "GET"; search: string } | AppUploadRequest;

export type FieldError = { path: string; message: string };

export type GenerateResult =
  | { ok: true; fileName: string; bytes: Uint8Array }
  /** `reasons`: why an uploaded app cannot be integrated (422). */
  | { ok: false; status: number; error: string; problems: FieldError[]; reasons?: string[] };

const refused = (error: string, problems: FieldError[] = [], status = 400): GenerateResult => ({ ok: false, status, error, problems });

async function zipped(config: Config, files: readonly ArchiveFile[] = generateProject(config)): Promise<GenerateResult> {
  const bytes = await zipProject(config.projectName, files);
  return { ok: true, fileName: `${config.projectName}.zip`, bytes };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The app read by the doctor's safe reader and its limits, integrated, zipped as the CLI zips it. */
async function integrateUpload(request: AppUploadRequest): Promise<GenerateResult> {
  const json = parseJson(request.config);
  if (!json.ok) return refused("The `config` field is not valid JSON");
  // An uploaded app makes the project an existing one unless the configuration says otherwise.
  const parsed = parseConfig({ projectType: "existing", ...(json.value as object) });
  if (!parsed.ok) return refused("Invalid configuration", parsed.problems);
  if (parsed.config.projectType !== "existing") {
    return refused('An app upload needs "projectType": "existing"', [{ path: "projectType", message: 'Must be "existing" with an app upload' }]);
  }
  let project;
  try {
    project = await readProject(await zipEntries(request.app));
  } catch (error) {
    if (error instanceof UploadLimitError) return refused(error.message, [], 413);
    if (error instanceof UploadError) return refused(error.message);
    throw error;
  }
  const result = integrateApp(appFilesFromProject(project), parsed.config, { appPath: request.appPath });
  if (!result.ok) return { ok: false, status: 422, error: "The app cannot be integrated", problems: [], reasons: result.reasons };
  return zipped(parsed.config, result.files);
}

export async function runGenerateRequest(request: GenerateRequest): Promise<GenerateResult> {
  if ("app" in request) return integrateUpload(request);
  if (request.method === "GET") {
    const decoded = decodePermalink(request.search);
    if (decoded.notices.length > 0) {
      const fields = decoded.notices.map((n) => ({ path: n.field ?? "(link)", message: n.message }));
      return refused("Invalid configuration link", fields);
    }
    return zipped(decoded.config);
  }
  const json = parseJson(request.body);
  if (!json.ok) return refused("The request body is not valid JSON");
  const parsed = parseConfig(json.value);
  if (!parsed.ok) return refused("Invalid configuration", parsed.problems);
  return zipped(parsed.config);
}
