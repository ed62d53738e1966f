/**
 * Reading and editing object literals in JS/TS source: the options passed to
 * betterAuth({...}) and the objects nested in them, by top-level property.
 */
import { maskJsComments, matchingBracket, splitJsTopLevel } from "./source";

export type Range = { start: number; end: number };
export type Property = { key: string; keyStart: number; valueStart: number; valueEnd: number; value: string };

/** The `{...}` passed as the first argument of betterAuth(...). */
export function betterAuthOptions(code: string): Range | undefined {
  if (!code.includes("betterAuth")) return undefined;
  const masked = maskJsComments(code);
  const call = /\bbetterAuth\s*\(\s*\{/.exec(masked);
  if (!call) return undefined;
  const open = call.index + call[0].length - 1;
  const close = matchingBracket(masked, open);
  return close < 0 ? undefined : { start: open, end: close + 1 };
}

/** Properties per text and range: every check asks for the options' keys, one key at a time. */
const propertiesCache = new Map<string, Map<string, Property[]>>();

/** Top-level properties of the object literal at `range` ("{" … "}"). */
export function properties(code: string, range: Range): Property[] {
  let byRange = propertiesCache.get(code);
  if (!byRange) {
    if (propertiesCache.size > 50) propertiesCache.clear();
    byRange = new Map();
    propertiesCache.set(code, byRange);
  }
  const key = `${range.start}:${range.end}`;
  const known = byRange.get(key);
  if (known) return known;
  const found = readProperties(code, range);
  byRange.set(key, found);
  return found;
}

function readProperties(code: string, range: Range): Property[] {
  const masked = maskJsComments(code);
  const inner = masked.slice(range.start + 1, range.end - 1);
  return splitJsTopLevel(inner).flatMap((part) => {
    const shorthand = /^\s*([A-Z_$][\w$]*)\s*$/i.exec(part.text);
    if (shorthand) {
      const start = range.start + 1 + part.offset + part.text.indexOf(shorthand[1]);
      return [{ key: shorthand[1], keyStart: start, valueStart: start, valueEnd: start + shorthand[1].length, value: shorthand[1] }];
    }
    const match = /^\s*["']?([A-Z_$][\w$]*)["']?\s*:\s*/i.exec(part.text);
    if (!match) return [];
    const valueStart = range.start + 1 + part.offset + match[0].length;
    const value = part.text.slice(match[0].length).trimEnd();
    return [{ key: match[1], keyStart: range.start + 1 + part.offset + match[0].indexOf(match[1]), valueStart, valueEnd: valueStart + value.length, value }];
  });
}

export function property(code: string, range: Range | undefined, key: string): Property | undefined {
  return range ? properties(code, range).find((p) => p.key === key) : undefined;
}

/** The object literal that is the value of `key` in the object at `range`. */
export function objectProperty(code: string, range: Range | undefined, key: string): Range | undefined {
  const prop = property(code, range, key);
  if (!prop || code[prop.valueStart] !== "{") return undefined;
  return { start: prop.valueStart, end: prop.valueEnd };
}

/** The indentation used for the properties of the object at `range`. */
function innerIndent(code: string, range: Range): string {
  const first = /\n([ \t]+)\S/.exec(code.slice(range.start, range.end));
  if (first) return first[1];
  const lineStart = code.lastIndexOf("\n", range.start) + 1;
  return `${/^[ \t]*/.exec(code.slice(lineStart))![0]}  `;
}

/** Text that inserts `key: value,` as the first property of the object at `range`. */
export function insertProperty(code: string, range: Range, key: string, value: string): { at: number; text: string } {
  const indent = innerIndent(code, range);
  const multiline = code.slice(range.start, range.end).includes("\n");
  if (!multiline) return { at: range.start + 1, text: ` ${key}: ${value},` };
  return { at: range.start + 1, text: `\n${indent}${key}: ${value},` };
}

/** The text a value stands for: a plain identifier is followed to its `const x = …;` in the same file (comments removed). */
export function resolvedValue(code: string, value: string): string {
  const identifier = /^[A-Z_$][\w$]*$/i.exec(value.trim());
  if (!identifier) return value;
  const masked = maskJsComments(code);
  const definition = new RegExp(`\\b(?:const|let|var)\\s+${identifier[0]}\\s*(?::[^=]+)?=\\s*([\\s\\S]*?)(?:;|\\n\\s*\\n)`).exec(masked);
  return definition ? definition[1] : value;
}
