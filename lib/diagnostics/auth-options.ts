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

const DECLARATION = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g;

/**
 * The object literal each name is first declared with in one file
 * (`const name = {`, `let name: Type = {`): one pass over the file, so any
 * number of spreads costs one lookup each.
 */
const declarationsCache = new WeakMap<ProjectFile, Map<string, Range>>();

function objectDeclarations(file: ProjectFile): Map<string, Range> {
  const cached = declarationsCache.get(file);
  if (cached) return cached;
  const code = maskJsComments(file.content);
  const found = new Map<string, Range>();
  let nextEquals = -1;
  for (const match of code.matchAll(DECLARATION)) {
    const name = match[1];
    if (found.has(name)) continue;
    let i = match.index + match[0].length;
    while (/\s/.test(code[i] ?? "")) i++;
    if (code[i] === ":") {
      // A type annotation runs to the next `=`; that position is shared by every declaration before it.
      if (nextEquals < i) nextEquals = code.indexOf("=", i);
      if (nextEquals < 0) break;
      i = nextEquals;
    }
    if (code[i] !== "=") continue;
    i++;
    while (/\s/.test(code[i] ?? "")) i++;
    if (code[i] !== "{") continue;
    const close = matchingBracket(code, i);
    if (close > 0) found.set(name, { start: i, end: close + 1 });
  }
  declarationsCache.set(file, found);
  return found;
}

function definitionOf(files: readonly ProjectFile[], name: string): OptionsSource | undefined {
  for (const file of files) {
    const range = objectDeclarations(file).get(name);
    if (range) return { file, range };
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
  const candidates = authServerRoots(files)
    .flatMap((root) => filesUnder(files, root, JS_SOURCE))
    .filter((f) => !isTestFile(f.path));
  return candidates.flatMap((file) => {
    const range = betterAuthOptions(file.content);
    if (!range) return [];
    const code = maskJsComments(file.content);
    const names = new Set([...code.slice(range.start, range.end).matchAll(/\.\.\.\s*([A-Z_$][\w$]*)/gi)].map((m) => m[1]));
    const spreads = [...names].map((name) => definitionOf(candidates, name)).filter((s): s is OptionsSource => !!s);
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
