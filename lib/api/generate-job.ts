/**
 * One request of the HTTP API, from its raw input to a zip or field errors:
 * the part that runs in a worker thread (lib/api/generate.worker.ts), so
 * validating, rendering and compressing never hold the server's event loop.
 */
import type { Config } from "../config/schema";
import { UploadError, UploadLimitError } from "../doctor/limits";
import { readProject } from "../doctor/read";
import { zipEntries } from "../doctor/zip";
import { integrateApp } from "../integrate";
import { appFilesFromProject } from "../integrate/upload";
import { decodePermalink } from "../permalink";
import { buildProject } from "../pipeline";
import { frontFor, type Front } from "../pipeline/policy";
import { processPolicy } from "../server/policy";
import { zipProject, type ArchiveFile } from "../zip";

/** An existing app's zip and its configuration, from a multipart form (see ./upload-form). */
type AppUploadRequest = { method: "POST"; config: string; app: Uint8Array; appPath?: string };

export type GenerateRequest = { method: "POST"; body: string } | { method: "GET"; search: string } | AppUploadRequest;

export type FieldError = { path: string; message: string };

export type GenerateResult =
  | { ok: true; fileName: string; bytes: Uint8Array }
  /** `reasons`: why an uploaded app cannot be integrated (422). */
  | { ok: false; status: number; error: string; problems: FieldError[]; reasons?: string[] };

const refused = (error: string, problems: FieldError[] = [], status = 400): GenerateResult => ({ ok: false, status, error, problems });

/** The organization policy of this server (SIDECAR_POLICY) and what it decides, read once per thread. */
let front: Promise<Front> | undefined;
const policyFront = () => (front ??= processPolicy().then(frontFor));

async function zipped(config: Config, files: readonly ArchiveFile[]): Promise<GenerateResult> {
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
async function integrateUpload(request: AppUploadRequest, front: Front): Promise<GenerateResult> {
  const json = parseJson(request.config);
  if (!json.ok) return refused("The `config` field is not valid JSON");
  // An uploaded app makes the project an existing one unless the configuration says otherwise.
  const parsed = front.parse({ projectType: "existing", ...(json.value as object) });
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
  const front = await policyFront();
  if ("app" in request) return integrateUpload(request, front);
  if (request.method === "GET") {
    const decoded = decodePermalink(request.search, front.link);
    if (decoded.notices.length > 0) {
      const fields = decoded.notices.map((n) => ({ path: n.field ?? "(link)", message: n.message }));
      return refused("Invalid configuration link", fields);
    }
    return zipped(decoded.config, buildProject(decoded.config, front.record).files);
  }
  const json = parseJson(request.body);
  if (!json.ok) return refused("The request body is not valid JSON");
  // Omitted fields take the starting point's values: the schema's defaults, or the policy's.
  const parsed = front.parse(json.value);
  if (!parsed.ok) return refused("Invalid configuration", parsed.problems);
  return zipped(parsed.config, buildProject(parsed.config, front.record).files);
}
