/**
 * Just enough lexing of JavaScript/TypeScript and Python to find statements,
 * call arguments and string literals without being fooled by comments or by
 * brackets inside strings. Offsets always refer to the original text.
 */

/**
 * Results per file text: every check lexes the same few files, and one run of
 * the checks would otherwise mask or scan each of them many times over.
 */
function memoize<T>(compute: (code: string) => T): (code: string) => T {
  const cache = new Map<string, T>();
  return (code) => {
    const cached = cache.get(code);
    if (cached !== undefined) return cached;
    const result = compute(code);
    if (cache.size > 200) cache.clear();
    cache.set(code, result);
    return result;
  };
}

/** The JS text with every comment blanked out (newlines kept), so offsets and line numbers still match. */
export const maskJsComments = memoize((code: string): string => {
  const parts: string[] = [];
  let copied = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === "'" || c === "`") {
      i = skipJsString(code, i) - 1;
    } else if (c === "/" && (code[i + 1] === "/" || code[i + 1] === "*")) {
      const block = code[i + 1] === "*";
      const found = block ? code.indexOf("*/", i + 2) : code.indexOf("\n", i);
      const end = found < 0 ? code.length : block ? found + 2 : found;
      parts.push(code.slice(copied, i), code.slice(i, end).replace(/[^\n]/g, " "));
      copied = end;
      i = end - 1;
    }
  }
  parts.push(code.slice(copied));
  return parts.join("");
});

/** Index just past the string literal starting at `start` (template literals included, naively). */
function skipJsString(code: string, start: number): number {
  const quote = code[start];
  let i = start + 1;
  while (i < code.length && code[i] !== quote) {
    if (code[i] === "\\") i++;
    else if (quote !== "`" && code[i] === "\n") return i;
    i++;
  }
  return i + 1;
}

/** Index of the bracket closing the one at `open` ( "(", "[" or "{" ), or -1. Strings and comments are skipped. */
export function matchingBracket(code: string, open: number, jsComments = true): number {
  const pairs: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
  const stack: string[] = [];
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === "'" || c === "`") {
      i = skipJsString(code, i) - 1;
    } else if (jsComments && c === "/" && code[i + 1] === "/") {
      const end = code.indexOf("\n", i);
      i = end < 0 ? code.length : end;
    } else if (jsComments && c === "/" && code[i + 1] === "*") {
      const end = code.indexOf("*/", i + 2);
      i = end < 0 ? code.length : end + 1;
    } else if (pairs[c]) {
      stack.push(pairs[c]);
    } else if (c === ")" || c === "]" || c === "}") {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/**
 * The whole statement around a call found at `callIndex` (e.g. the `app` of
 * `app.get(...)`): from the start of its line to the end of the line holding
 * the closing parenthesis, newline included.
 */
export function statementAt(code: string, callIndex: number): { start: number; end: number } | undefined {
  const open = code.indexOf("(", callIndex);
  if (open < 0) return undefined;
  const close = matchingBracket(code, open);
  if (close < 0) return undefined;
  const start = code.lastIndexOf("\n", callIndex) + 1;
  const lineEnd = code.indexOf("\n", close);
  return { start, end: lineEnd < 0 ? code.length : lineEnd + 1 };
}

/** `value` is the literal's text between its delimiters, escapes as written; `delimiter` is `"`, `'''`, …. */
export type PyString = { start: number; end: number; value: string; delimiter: string };

/** Maps offsets in decoded text back to the file: `start(i)` for a first character, `end(i)` for one past a last. */
export type OffsetMap = { start: (i: number) => number; end: (i: number) => number };

/**
 * A Python string literal's text with backslash escapes decoded (`\\"` → `"`),
 * and the map from decoded offsets back to file offsets.
 */
export function decodePyString(code: string, s: PyString): { text: string; map: OffsetMap } {
  const base = s.start + s.delimiter.length;
  const origins: number[] = [];
  let text = "";
  for (let i = 0; i < s.value.length; i++) {
    origins.push(base + i);
    const escaped = s.value[i] === "\\" && i + 1 < s.value.length;
    if (escaped) i++;
    text += escaped ? ({ n: "\n", t: "\t", r: "\r" }[s.value[i]] ?? s.value[i]) : s.value[i];
  }
  origins.push(base + s.value.length);
  return { text, map: { start: (i) => origins[i], end: (i) => (i === 0 ? origins[0] : (origins[i - 1] + (code[origins[i - 1]] === "\\" ? 2 : 1))) } };
}

export const identityMap = (base = 0): OffsetMap => ({ start: (i) => base + i, end: (i) => base + i });

/** Text to write inside a Python string literal with this delimiter. */
export function escapeForPython(text: string, delimiter: string): string {
  const escaped = text.replace(/\\/g, "\\\\");
  return delimiter.length === 1 ? escaped.replaceAll(delimiter, `\\${delimiter}`) : escaped;
}

/** Every Python string literal (single, double, triple-quoted, with prefixes such as f/r/b). */
export const pythonStrings = memoize((code: string): PyString[] => {
  const found: PyString[] = [];
  let i = 0;
  while (i < code.length) {
    const c = code[i];
    if (c === "#") {
      while (i < code.length && code[i] !== "\n") i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = code.startsWith(c.repeat(3), i);
      const delimiter = triple ? c.repeat(3) : c;
      let j = i + delimiter.length;
      while (j < code.length && !code.startsWith(delimiter, j)) {
        if (code[j] === "\\") j++;
        else if (!triple && code[j] === "\n") break;
        j++;
      }
      const end = Math.min(code.length, j + delimiter.length);
      found.push({ start: i, end, value: code.slice(i + delimiter.length, j), delimiter });
      i = end;
      continue;
    }
    i++;
  }
  return found;
});

/** Splits a bracketed argument list at top-level commas: "a, f(b, c), 'x,y'" → three parts with offsets. */
export function splitTopLevel(text: string, separator = ","): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (c === separator && depth === 0) {
      parts.push({ text: text.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  parts.push({ text: text.slice(start), offset: start });
  return parts.filter((p) => p.text.trim() !== "");
}

/**
 * Python text reduced to its structure for bracket matching: comments and the
 * insides of strings become spaces (same length, so offsets still match).
 */
export const pyStructure = memoize((code: string): string => {
  let out = "";
  let i = 0;
  for (const s of pythonStrings(code)) {
    out += code.slice(i, s.start).replace(/#[^\n]*/g, (m) => " ".repeat(m.length));
    out += code[s.start] + " ".repeat(Math.max(0, s.end - s.start - 2)) + code[s.end - 1];
    i = s.end;
  }
  return out + code.slice(i).replace(/#[^\n]*/g, (m) => " ".repeat(m.length));
});
