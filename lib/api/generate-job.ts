/**
 * One request of the HTTP API, from its raw input to a zip or field errors:
 * the part that runs in a worker thread (lib/api/generate.worker.ts), so
 * validating, rendering and compressing never hold the server's event loop.
 */
import { parseConfig, type Config } from "../config/schema";
import { buildProject } from "../pipeline";
import { decodePermalink } from "../permalink";
import { zipProject } from "../zip";

export type GenerateRequest = { method: "POST"; body: string } | { method: "GET"; search: string };

export type FieldError = { path: string; message: string };

export type GenerateResult =
  | { ok: true; fileName: string; bytes: Uint8Array }
  | { ok: false; status: number; error: string; problems: FieldError[] };

const refused = (error: string, problems: FieldError[] = []): GenerateResult => ({ ok: false, status: 400, error, problems });

async function zipped(config: Config): Promise<GenerateResult> {
  const bytes = await zipProject(config.projectName, buildProject(config).files);
  return { ok: true, fileName: `${config.projectName}.zip`, bytes };
}

export async function runGenerateRequest(request: GenerateRequest): Promise<GenerateResult> {
  if (request.method === "GET") {
    const decoded = decodePermalink(request.search);
    if (decoded.notices.length > 0) {
      const fields = decoded.notices.map((n) => ({ path: n.field ?? "(link)", message: n.message }));
      return refused("Invalid configuration link", fields);
    }
    return zipped(decoded.config);
  }
  let input: unknown;
  try {
    input = JSON.parse(request.body);
  } catch {
    return refused("The request body is not valid JSON");
  }
  const parsed = parseConfig(input);
  if (!parsed.ok) return refused("Invalid configuration", parsed.problems);
  return zipped(parsed.config);
}
