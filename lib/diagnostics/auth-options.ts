/**
 * The object literals that make up better-auth's options: the one passed to
 * betterAuth({...}) and, when it spreads another (`...authOptions`), that
 * object wherever it is defined in the auth server.
 */
import { betterAuthOptions, objectProperty, property, type Property, type Range } from "./js-object";
import { authServerRoots, filesUnder, isTestFile, JS_SOURCE } from "./project";
import { maskJsComments, matchingBracket } from "./source";
import type { ProjectFile } from "./types";

export type OptionsSource = { file: ProjectFile; range: Range };

function definitionOf(files: readonly ProjectFile[], name: string): OptionsSource | undefined {
  const pattern = new RegExp(`\\b(?:const|let|var)\\s+${name}\\s*(?::[^=]+)?=\\s*\\{`);
  for (const file of files) {
    const code = maskJsComments(file.content);
    const match = pattern.exec(code);
    if (!match) continue;
    const open = match.index + match[0].length - 1;
    const close = matchingBracket(code, open);
    if (close > 0) return { file, range: { start: open, end: close + 1 } };
  }
  return undefined;
}

const sourcesCache = new WeakMap<readonly ProjectFile[], OptionsSource[]>();

/** Every options object, the spread ones first (their properties are what the literal builds on). */
export function authOptionSources(files: readonly ProjectFile[]): OptionsSource[] {
  const cached = sourcesCache.get(files);
  if (cached) return cached;
  const sources = findSources(files);
  sourcesCache.set(files, sources);
  return sources;
}

function findSources(files: readonly ProjectFile[]): OptionsSource[] {
  const candidates = authServerRoots(files).flatMap((root) => filesUnder(files, root, JS_SOURCE)).filter((f) => !isTestFile(f.path));
  return candidates.flatMap((file) => {
    const range = betterAuthOptions(file.content);
    if (!range) return [];
    const code = maskJsComments(file.content);
    const spreads = [...code.slice(range.start, range.end).matchAll(/\.\.\.\s*([A-Z_$][\w$]*)/gi)]
      .map((m) => definitionOf(candidates, m[1]))
      .filter((s): s is OptionsSource => !!s);
    return [...spreads, { file, range }];
  });
}

/** The first options object that sets `key`, with that property. */
export function findOption(sources: readonly OptionsSource[], key: string): (OptionsSource & { prop: Property }) | undefined {
  for (const source of sources) {
    const prop = property(source.file.content, source.range, key);
    if (prop) return { ...source, prop };
  }
  return undefined;
}

/** The object literal value of `key`, from whichever options object sets it. */
export function findObjectOption(sources: readonly OptionsSource[], key: string): OptionsSource | undefined {
  for (const source of sources) {
    const range = objectProperty(source.file.content, source.range, key);
    if (range) return { file: source.file, range };
  }
  return undefined;
}

/** All the code the options are written in, comments removed: for presence tests such as `jwt(`. */
export function authOptionsText(files: readonly ProjectFile[]): string {
  const sources = authOptionSources(files);
  return [...new Set(sources.map((s) => s.file))].map((f) => maskJsComments(f.content)).join("\n");
}
