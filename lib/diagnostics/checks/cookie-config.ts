/**
 * Cookies across sites: a frontend on another site only receives and sends the
 * session cookie when it is SameSite=None; Secure in production.
 */
import type { Config } from "../../config/schema";
import { resolveConfig } from "../../config/resolve";
import { troubleshooting } from "../docs";
import { applyEdits, editsOf, findingsOf, type Edit, type Issue } from "../edits";
import { betterAuthOptions, insertProperty, objectLiteral, objectProperty, property, resolvedValue } from "../js-object";
import { envFilesUnder, isLocal, originsIn, siteOf } from "../origins";
import { authConfigFiles, authServerRoots, dirOf, envValue, isUnder, lineAt } from "../project";
import type { Check, ProjectFile } from "../types";

const PRODUCTION_SAME_SITE = 'process.env.NODE_ENV === "production" ? "none" : "lax"';
const PRODUCTION = 'process.env.NODE_ENV === "production"';

/** Frontend origins on another site than the auth server, from its env files. */
function crossSiteOrigins(files: readonly ProjectFile[], authFile: ProjectFile): string[] {
  const root = authServerRoots(files).find((r) => isUnder(authFile.path, r)) ?? dirOf(authFile.path);
  const envs = envFilesUnder(files, root);
  const origins = envs.flatMap((f) => originsIn(f)?.origins ?? []);
  const authUrls = envs.map((f) => envValue(f, "BETTER_AUTH_URL")?.value ?? "").filter((u) => u && !isLocal(u));
  return origins.filter((o) => !isLocal(o) && !authUrls.some((u) => siteOf(u) === siteOf(o)));
}

function needsNone(files: readonly ProjectFile[], authFile: ProjectFile, config?: Config): string | undefined {
  if (config) {
    const resolved = resolveConfig(config).resolved;
    return resolved.sameSite === "none" ? config.cors.origins.find((o) => !isLocal(o)) ?? "a cross-site origin" : undefined;
  }
  return crossSiteOrigins(files, authFile)[0];
}

function analyse(files: readonly ProjectFile[], config?: Config): Issue[] {
  return authConfigFiles(files).flatMap((file) => {
    const origin = needsNone(files, file, config);
    if (!origin) return [];
    const code = file.content;
    const options = betterAuthOptions(code);
    if (!options) return [];
    const advanced = objectProperty(code, options, "advanced");
    const attributes = objectProperty(code, advanced, "defaultCookieAttributes");
    const sameSite = property(code, attributes, "sameSite");
    const secure = property(code, attributes, "secure");
    const issues: Issue[] = [];
    if (!sameSite || !/["'`]none["'`]/.test(resolvedValue(code, sameSite.value))) {
      issues.push({
        file: file.path,
        line: lineAt(code, sameSite?.valueStart ?? options.start),
        message: `${origin} is on another site than the auth server, but the session cookie is ${sameSite ? `SameSite=${sameSite.value}` : "SameSite=Lax (the default)"}: set sameSite "none" (with secure) in production`,
        edits: [sameSiteEdit(file, code, options, advanced, attributes, sameSite)],
      });
    }
    if (secure && /^false$/.test(resolvedValue(code, secure.value).trim())) {
      issues.push({
        file: file.path,
        line: lineAt(code, secure.valueStart),
        message: "secure: false: browsers drop SameSite=None cookies that are not Secure",
        edits: [{ path: file.path, start: secure.valueStart, end: secure.valueEnd, text: PRODUCTION }],
      });
    }
    return issues;
  });
}

function sameSiteEdit(
  file: ProjectFile,
  code: string,
  options: { start: number; end: number },
  advanced: { start: number; end: number } | undefined,
  attributes: { start: number; end: number } | undefined,
  sameSite: { valueStart: number; valueEnd: number } | undefined,
): Edit {
  const at = (insertion: { at: number; text: string }): Edit => ({ path: file.path, start: insertion.at, end: insertion.at, text: insertion.text });
  if (sameSite) return { path: file.path, start: sameSite.valueStart, end: sameSite.valueEnd, text: PRODUCTION_SAME_SITE };
  const cookieEntries: [string, string][] = [["sameSite", PRODUCTION_SAME_SITE], ["secure", PRODUCTION]];
  if (attributes) return at(insertProperty(code, attributes, "sameSite", PRODUCTION_SAME_SITE));
  if (advanced) return at(insertProperty(code, advanced, "defaultCookieAttributes", objectLiteral(code, advanced, cookieEntries)));
  const nested = `{\n    defaultCookieAttributes: {\n      sameSite: ${PRODUCTION_SAME_SITE},\n      secure: ${PRODUCTION},\n    },\n  }`;
  return at(insertProperty(code, options, "advanced", nested));
}

export const cookieConfig: Check = {
  id: "cookie-config",
  title: "Cookie Config",
  severity: "error",
  explanation:
    "Browsers send a cookie to another site only when it is SameSite=None and Secure. A frontend on a different site than the auth server (e.g. GitHub Pages) otherwise signs in and immediately looks signed out.",
  docs: troubleshooting("cookie-config"),
  check: (files, config) => findingsOf(analyse(files, config)),
  fix: (files, config) => applyEdits(files, editsOf(analyse(files, config))),
};
