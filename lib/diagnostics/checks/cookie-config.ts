/**
 * Cookies across sites: a frontend on another site only receives and sends the
 * session cookie when it is SameSite=None; Secure in production.
 */
import { isLocalOrigin, resolveConfig } from "../../config/resolve";
import type { Config } from "../../config/schema";
import { authOptionSources, findObjectOption, findOption, type OptionsSource } from "../auth-options";
import { troubleshooting } from "../docs";
import { type Edit, fromAnalysis, type Issue } from "../edits";
import { insertProperty, properties, property, resolvedValue, type Property } from "../js-object";
import { envFilesUnder, originsIn, siteOf } from "../origins";
import { authServerRoots, envValue, isUnder, lineAt } from "../project";
import type { Check, ProjectFile } from "../types";

const PRODUCTION = 'process.env.NODE_ENV === "production"';
const SAME_SITE = `${PRODUCTION} ? "none" : "lax"`;
const ATTRIBUTES = `{ sameSite: ${SAME_SITE}, secure: ${PRODUCTION} }`;

/** Frontend origins on another site than the auth server, from its env files. */
function crossSiteOrigins(files: readonly ProjectFile[], authFile: ProjectFile): string[] {
  const root = authServerRoots(files).find((r) => isUnder(authFile.path, r)) ?? "";
  const envs = envFilesUnder(files, root);
  const trusted = findOption(authOptionSources(files), "trustedOrigins")?.prop.value ?? "";
  const literals = [...trusted.matchAll(/["'`](https?:\/\/[^"'`\s]+)["'`]/g)].map((m) => m[1]);
  const origins = [...envs.flatMap((f) => originsIn(f)?.origins ?? []), ...literals];
  const authUrls = envs.map((f) => envValue(f, "BETTER_AUTH_URL")?.value ?? "").filter((u) => u && !isLocalOrigin(u));
  return origins.filter((o) => !isLocalOrigin(o) && !authUrls.some((u) => siteOf(u) === siteOf(o)));
}

/** The origin that makes SameSite=None necessary, if any. */
function crossSiteOrigin(files: readonly ProjectFile[], authFile: ProjectFile, config?: Config): string | undefined {
  if (!config) return crossSiteOrigins(files, authFile)[0];
  return resolveConfig(config).resolved.sameSite === "none" ? (config.cors.origins.find((o) => !isLocalOrigin(o)) ?? "a cross-site origin") : undefined;
}

const allowsNone = (text: string) => /sameSite\s*:[^,}]*["'`]none["'`]/i.test(text);

function sameSiteEdit(advanced: OptionsSource | undefined, attributes: Property | undefined, home: OptionsSource): Edit {
  const insert = (source: OptionsSource, key: string, value: string): Edit => {
    const { at, text } = insertProperty(source.file.content, source.range, key, value);
    return { path: source.file.path, start: at, end: at, text };
  };
  if (!advanced) return insert(home, "advanced", `{ defaultCookieAttributes: ${ATTRIBUTES} }`);
  if (!attributes) return insert(advanced, "defaultCookieAttributes", ATTRIBUTES);
  const code = advanced.file.content;
  const literal = code[attributes.valueStart] === "{" ? { start: attributes.valueStart, end: attributes.valueEnd } : undefined;
  const sameSite = literal && property(code, literal, "sameSite");
  if (sameSite && sameSite.key === sameSite.value)
    return { path: advanced.file.path, start: attributes.valueStart, end: attributes.valueEnd, text: ATTRIBUTES };
  if (sameSite) return { path: advanced.file.path, start: sameSite.valueStart, end: sameSite.valueEnd, text: SAME_SITE };
  if (literal) return insert({ file: advanced.file, range: literal }, "sameSite", SAME_SITE);
  return { path: advanced.file.path, start: attributes.valueStart, end: attributes.valueEnd, text: ATTRIBUTES };
}

function analyse(files: readonly ProjectFile[], config?: Config): Issue[] {
  const sources = authOptionSources(files);
  if (sources.length === 0) return [];
  const origin = crossSiteOrigin(files, sources[0].file, config);
  if (!origin) return [];
  const advanced = findObjectOption(sources, "advanced");
  const attributes = advanced && property(advanced.file.content, advanced.range, "defaultCookieAttributes");
  const text = attributes ? resolvedValue(advanced.file.content, attributes.value) : "";
  const where = advanced ?? sources[0];
  const line = lineAt(where.file.content, attributes?.valueStart ?? where.range.start);
  const issues: Issue[] = [];
  if (!allowsNone(text)) {
    issues.push({
      file: where.file.path,
      line,
      message: `${origin} is on another site than the auth server, but the session cookie stays SameSite=Lax: set sameSite "none" with secure in production`,
      edits: [sameSiteEdit(advanced, attributes, sources[0])],
    });
  } else if (attributes && advanced.file.content[attributes.valueStart] === "{") {
    const secure = properties(advanced.file.content, { start: attributes.valueStart, end: attributes.valueEnd }).find((p) => p.key === "secure");
    if (secure && secure.value.trim() === "false") {
      issues.push({
        file: where.file.path,
        line: lineAt(where.file.content, secure.valueStart),
        message: "secure: false with SameSite=None: browsers drop SameSite=None cookies that are not Secure",
        edits: [{ path: where.file.path, start: secure.valueStart, end: secure.valueEnd, text: PRODUCTION }],
      });
    }
  }
  return issues;
}

export const cookieConfig: Check = {
  id: "cookie-config",
  title: "Cookie Config",
  severity: "error",
  explanation:
    "Browsers send a cookie to another site only when it is SameSite=None and Secure. A frontend on a different site than the auth server (e.g. GitHub Pages) otherwise signs in and immediately looks signed out.",
  docs: troubleshooting("cross-site-cookies-and-origins"),
  ...fromAnalysis(analyse),
};
