/**
 * integrateApp: an uploaded FastAPI app and a configuration in, the app with
 * the smallest change that makes it trust a better-auth server out. Pure,
 * synchronous and free of Node-only APIs, so the Web Worker, the CLI and the
 * HTTP route share it. The upload is never modified: the patched copy is new
 * bytes, every other file is passed through as it came, except the app's
 * secret files (./secrets.ts), which stay with the team.
 */
import { resolveConfig } from "../config/resolve";
import type { Config } from "../config/schema";
import { decodeText } from "../doctor/read";
import { runDiagnostics, type ProjectFile } from "../diagnostics";
import { generateProject } from "../generate";
import { authTableNames, BETTER_AUTH_TABLE_NAMES } from "./auth-tables";
import { compareVersions, type TextFile } from "./dependencies";
import { discover } from "./discover";
import { integrationDocs } from "./docs";
import { IntegrationRefused } from "./edits";
import { planChange } from "./plan";
import { isSecretFile } from "./secrets";
import { unifiedPatch } from "./patch";
import { integrationRecord } from "./record";
import type { AppFile, Discovery, IntegrateOptions, Integration, OutputFile } from "./types";

export type * from "./types";
export { discover } from "./discover";

/** The lowest FastAPI the auth module works with: `Annotated` dependencies arrived in 0.95. */
const LOWEST_FASTAPI = "0.95";

export function integrateApp(app: readonly AppFile[], config: Config, options: IntegrateOptions = {}): Integration {
  const files = withinAppPath(app, options.appPath);
  if (files.length === 0)
    return {
      ok: false,
      reasons: [`The upload has no files${options.appPath ? ` under ${options.appPath}/` : ""}; choose the folder holding the FastAPI app.`],
    };
  const texts = files.flatMap((f): TextFile[] => {
    const text = decodeText(f.bytes);
    return text === undefined ? [] : [{ path: f.path, text }];
  });
  const discovery = discover(texts);
  const reasons = refusals(discovery, config);
  if (reasons.length > 0) return { ok: false, discovery, reasons };
  try {
    const tables = authTableNames(discovery.tables.map((t) => t.name));
    const plan = planChange(discovery, texts, config, tables);
    const authServerFiles: OutputFile[] = generateProject(config, { authTableNames: tables }).filter((f) => f.path.startsWith("auth-server/"));
    const byPath = new Map(plan.changes.map((c) => [c.path, c]));
    const leftOut = files.filter((f) => isSecretFile(f.path)).map((f) => f.path);
    const backend: OutputFile[] = [
      ...files
        .filter((f) => !isSecretFile(f.path))
        .map((f) =>
          byPath.has(f.path) ? { path: f.path, content: byPath.get(f.path)!.after, mode: f.mode } : { path: f.path, content: f.bytes, mode: f.mode },
        ),
      ...plan.changes.filter((c) => c.kind === "added").map((c) => ({ path: c.path, content: c.after })),
    ].map((f) => ({ ...f, path: `backend/${f.path}` }));
    const patch = unifiedPatch(plan.changes);
    const docs = integrationDocs(discovery, plan, resolveConfig(config), tables, leftOut);
    const report = runDiagnostics(textFiles([...authServerFiles, ...backend]), config);
    const record = integrationRecord({ config, discovery, plan, tables, upload: files, report });
    const output: OutputFile[] = [...authServerFiles, ...backend, ...docs, { path: "sidecar.patch", content: patch }, record].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    );
    return { ok: true, discovery, files: output, changes: plan.changes, patch };
  } catch (error) {
    if (error instanceof IntegrationRefused) return { ok: false, discovery, reasons: [error.message] };
    throw error;
  }
}

/** The text files of the output, for the diagnostics (binary files are not checked). */
function textFiles(files: readonly OutputFile[]): ProjectFile[] {
  return files.flatMap((f) => {
    const content = typeof f.content === "string" ? f.content : decodeText(f.content);
    return content === undefined ? [] : [{ path: f.path, content }];
  });
}

function withinAppPath(app: readonly AppFile[], appPath: string | undefined): AppFile[] {
  const folder = appPath?.replace(/^\.?\/+/, "").replace(/(?<!\/)\/+$/, "");
  if (!folder) return [...app];
  return app.filter((f) => f.path.startsWith(`${folder}/`)).map((f) => ({ ...f, path: f.path.slice(folder.length + 1) }));
}

/** Everything that stops integration, each saying what blocks it and what to do. */
function refusals(d: Discovery, config: Config): string[] {
  const reasons: string[] = [];
  const usesFastApi = d.dependencies?.packages.includes("fastapi") || d.app !== undefined;
  if (!usesFastApi) {
    return [
      "This is not a FastAPI app: no dependency file names fastapi and no module creates FastAPI(). Upload the folder holding the FastAPI app (or pass --app <its folder inside the upload>).",
    ];
  }
  if (!d.dependencies)
    reasons.push("No dependency file: add a requirements.txt or a pyproject.toml naming fastapi, so the auth module's requirements have somewhere to go.");
  const lowest = d.dependencies?.fastapiLowest;
  if (lowest && compareVersions(lowest, LOWEST_FASTAPI) < 0) {
    reasons.push(
      `${d.dependencies!.file} allows FastAPI ${d.dependencies!.fastapi}, older than ${LOWEST_FASTAPI}: the auth module's dependencies need FastAPI ${LOWEST_FASTAPI} or newer. Raise the requirement to fastapi>=${LOWEST_FASTAPI}, check the app still works, and integrate again.`,
    );
  }
  if (!d.app)
    reasons.push(
      "No importable FastAPI app: no module creates `app = FastAPI(...)` at module level or inside a factory function that returns it. Point --app at the folder holding it.",
    );
  if (d.app && !d.app.module)
    reasons.push(`${d.app.file} cannot be imported as a Python module (its path has a segment that is not a Python identifier); move the app into a package.`);
  if (config.stack.orm === "prisma" && d.tables.some((t) => (BETTER_AUTH_TABLE_NAMES as readonly string[]).includes(t.name))) {
    reasons.push(
      "The app has tables named like better-auth's, so better-auth's are renamed; the Prisma variant cannot rename them yet. Choose the pg database layer (stack.orm \"pg\").",
    );
  }
  return reasons;
}
