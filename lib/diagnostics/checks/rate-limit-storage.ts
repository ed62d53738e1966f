/**
 * Memory rate-limit storage on a serverless target: every instance counts on
 * its own and forgets on cold start, so the limit does not hold.
 */
import type { Config } from "../../config/schema";
import { troubleshooting } from "../docs";
import { applyEdits, editsOf, findingsOf, type Issue } from "../edits";
import { betterAuthOptions, insertProperty, objectProperty, property, resolvedValue } from "../js-object";
import { authConfigFiles, authServerRoots, fileAt, isUnder, lineAt } from "../project";
import type { Check, ProjectFile } from "../types";

function serverlessTarget(files: readonly ProjectFile[], authFile: ProjectFile, config?: Config): string | undefined {
  if (config) return config.deployment.authServer === "vercel" ? "Vercel" : undefined;
  const root = authServerRoots(files).find((r) => isUnder(authFile.path, r)) ?? "";
  if (fileAt(files, `${root}vercel.json`)) return "Vercel";
  if (fileAt(files, `${root}netlify.toml`)) return "Netlify";
  if (fileAt(files, `${root}wrangler.toml`) || fileAt(files, `${root}wrangler.jsonc`)) return "Cloudflare Workers";
  return undefined;
}

function analyse(files: readonly ProjectFile[], config?: Config): Issue[] {
  return authConfigFiles(files).flatMap((file): Issue[] => {
    const target = serverlessTarget(files, file, config);
    const code = file.content;
    const options = betterAuthOptions(code);
    if (!target || !options) return [];
    const rateLimit = objectProperty(code, options, "rateLimit");
    const enabled = property(code, rateLimit, "enabled");
    if (enabled && /^false$/.test(resolvedValue(code, enabled.value).trim())) return [];
    const storage = property(code, rateLimit, "storage");
    const value = storage ? resolvedValue(code, storage.value) : "";
    if (/["'`](database|secondary-storage)["'`]/.test(value)) return [];
    const edit = storage
      ? { path: file.path, start: storage.valueStart, end: storage.valueEnd, text: '"database"' }
      : rateLimit
        ? { path: file.path, ...at(insertProperty(code, rateLimit, "storage", '"database"')) }
        : { path: file.path, ...at(insertProperty(code, options, "rateLimit", '{ storage: "database" }')) };
    return [
      {
        file: file.path,
        line: lineAt(code, storage?.valueStart ?? rateLimit?.start ?? options.start),
        message: `Rate limiting uses ${storage ? value : "memory storage (the default)"} on ${target}: each serverless instance counts separately; use storage: "database"`,
        edits: [edit],
      },
    ];
  });
}

const at = (insertion: { at: number; text: string }) => ({ start: insertion.at, end: insertion.at, text: insertion.text });

export const rateLimitStorage: Check = {
  id: "rate-limit-storage",
  title: "Rate Limit Storage",
  severity: "error",
  explanation:
    "better-auth keeps rate-limit counters in memory by default. Serverless instances do not share memory and start fresh, so on Vercel the limit never triggers: store counters in the database.",
  docs: troubleshooting("rate-limit-storage"),
  check: (files, config) => findingsOf(analyse(files, config)),
  fix: (files, config) => applyEdits(files, editsOf(analyse(files, config))),
};
