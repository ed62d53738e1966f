/**
 * Memory rate-limit storage on a serverless target: every instance counts on
 * its own and forgets on cold start, so the limit does not hold.
 */
import type { Config } from "../../config/schema";
import { authOptionSources, findObjectOption, type OptionsSource } from "../auth-options";
import { troubleshooting } from "../docs";
import { type Edit, fromAnalysis, type Issue } from "../edits";
import { insertProperty, property, resolvedValue } from "../js-object";
import { authServerRoots, fileAt, isUnder, lineAt } from "../project";
import type { Check, ProjectFile } from "../types";

function serverlessTarget(files: readonly ProjectFile[], authFile: ProjectFile, config?: Config): string | undefined {
  if (config) return config.deployment.authServer === "vercel" ? "Vercel" : undefined;
  const root = authServerRoots(files).find((r) => isUnder(authFile.path, r)) ?? "";
  if (fileAt(files, `${root}vercel.json`)) return "Vercel";
  if (fileAt(files, `${root}netlify.toml`)) return "Netlify";
  if (fileAt(files, `${root}wrangler.toml`) || fileAt(files, `${root}wrangler.jsonc`)) return "Cloudflare Workers";
  return undefined;
}

const insertion = (source: OptionsSource, key: string, value: string): Edit => {
  const { at, text } = insertProperty(source.file.content, source.range, key, value);
  return { path: source.file.path, start: at, end: at, text };
};

function analyse(files: readonly ProjectFile[], config?: Config): Issue[] {
  const sources = authOptionSources(files);
  if (sources.length === 0) return [];
  const target = serverlessTarget(files, sources[0].file, config);
  if (!target) return [];
  const rateLimit = findObjectOption(sources, "rateLimit");
  const code = rateLimit?.file.content ?? "";
  const enabled = rateLimit && property(code, rateLimit.range, "enabled");
  if (enabled && /^false$/.test(resolvedValue(code, enabled.value).trim())) return [];
  const storage = rateLimit && property(code, rateLimit.range, "storage");
  const value = storage ? resolvedValue(code, storage.value) : "";
  if (/["'`](?:database|secondary-storage)["'`]/.test(value)) return [];
  const edit: Edit = storage
    ? { path: rateLimit.file.path, start: storage.valueStart, end: storage.valueEnd, text: '"database"' }
    : rateLimit
      ? insertion(rateLimit, "storage", '"database"')
      : insertion(sources[0], "rateLimit", '{ storage: "database" }');
  const where = rateLimit ?? sources[0];
  return [
    {
      file: where.file.path,
      line: lineAt(where.file.content, storage?.valueStart ?? where.range.start),
      message: `Rate limiting uses ${storage ? value : "memory storage (the default)"} on ${target}: each serverless instance counts separately; use storage: "database"`,
      edits: [edit],
    },
  ];
}

export const rateLimitStorage: Check = {
  id: "rate-limit-storage",
  title: "Rate Limit Storage",
  severity: "error",
  explanation:
    "better-auth keeps rate-limit counters in memory by default. Serverless instances do not share memory and start fresh, so on Vercel the limit never triggers: store counters in the database.",
  docs: troubleshooting("too-many-requests-429"),
  notApplicable: (files, config) => {
    const sources = authOptionSources(files);
    return sources.length > 0 && !serverlessTarget(files, sources[0].file, config) ? "the auth server does not run on a serverless target" : undefined;
  },
  ...fromAnalysis(analyse),
};
