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

/** Longest regular-expression literal recognised; a longer candidate is read as division, which keeps lexing linear. */
const MAX_REGEX_LITERAL = 512;
/** After these words a `/` starts a regular expression, not a division. */
const KEYWORDS_BEFORE_EXPRESSION = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);
/** After these characters a `/` starts a regular expression. */
const PUNCTUATION_BEFORE_EXPRESSION = new Set("(,=:[!&|?{};+-*%<>~^".split(""));

type JsVisitor = {
  /** A comment from `start` to `end` (exclusive). */
  comment?(start: number, end: number): void;
  /** An opening or closing bracket in code (template expressions included). */
  bracket?(index: number, char: string): void;
  /** Any other character of code (not in a literal or comment), whitespace excepted. */
  other?(index: number, char: string): void;
};

const isWordChar = (c: string | undefined) => c !== undefined && /[\w$]/.test(c);

/** Whether a `/` at a position whose last code character is at `last` starts a regular expression. */
function regexMayStart(code: string, last: number): boolean {
  if (last < 0) return true;
  const c = code[last];
  if (PUNCTUATION_BEFORE_EXPRESSION.has(c)) return true;
  if (!isWordChar(c)) return false;
  let start = last;
  while (start > 0 && last - start < 11 && isWordChar(code[start - 1])) start--;
  return !isWordChar(code[start - 1]) && KEYWORDS_BEFORE_EXPRESSION.has(code.slice(start, last + 1));
}

/**
 * Index just past the regular-expression literal at `start` (flags included),
 * or minus the index where the search gave up (a newline, or the length bound).
 */
function regexEnd(code: string, start: number): number {
  let inClass = false;
  const limit = Math.min(code.length, start + MAX_REGEX_LITERAL);
  for (let i = start + 1; i < limit; i++) {
    const c = code[i];
    if (c === "\\") i++;
    else if (c === "\n") return -i;
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) {
      let end = i + 1;
      while (end < code.length && /[a-z]/i.test(code[end])) end++;
      return end;
    }
  }
  return -limit;
}

/** From inside a template literal's text: the index past its closing backtick, or past a `${` (expression: true). */
function templateTextEnd(code: string, from: number): { end: number; expression: boolean } {
  for (let i = from; i < code.length; i++) {
    if (code[i] === "\\") i++;
    else if (code[i] === "`") return { end: i + 1, expression: false };
    else if (code[i] === "$" && code[i + 1] === "{") return { end: i + 2, expression: true };
  }
  return { end: code.length, expression: false };
}

/**
 * One pass over JavaScript/TypeScript, in one state machine:
 * strings, template literals (with `${}` expressions lexed as code, nested to
 * any depth), regular-expression literals and comments. Linear in the text.
 */
function lexJs(code: string, visit: JsVisitor): void {
  /** For each template expression we are inside, the depth of `{` opened within it. */
  const templates: number[] = [];
  let last = -1;
  // Where a failed search for a regex literal stopped: a `/` before it is a division (no search is repeated).
  let noRegexBefore = -1;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === "'") {
      i = skipQuoted(code, i) - 1;
    } else if (c === "`" || (c === "}" && templates.length > 0 && templates[templates.length - 1] === 0)) {
      if (c === "}") templates.pop();
      const text = templateTextEnd(code, i + 1);
      if (text.expression) templates.push(0);
      i = text.end - 1;
    } else if (c === "/" && (code[i + 1] === "/" || code[i + 1] === "*")) {
      const block = code[i + 1] === "*";
      const found = block ? code.indexOf("*/", i + 2) : code.indexOf("\n", i);
      const end = found < 0 ? code.length : block ? found + 2 : found;
      visit.comment?.(i, end);
      i = end - 1;
      continue;
    } else if (c === "/" && i >= noRegexBefore && regexMayStart(code, last)) {
      const end = regexEnd(code, i);
      if (end > 0) i = end - 1;
      else noRegexBefore = -end;
    } else if (c === "(" || c === "[" || c === "{" || c === ")" || c === "]" || c === "}") {
      if (templates.length > 0 && c === "{") templates[templates.length - 1]++;
      if (templates.length > 0 && c === "}") templates[templates.length - 1]--;
      visit.bracket?.(i, c);
    } else if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      continue;
    } else {
      visit.other?.(i, c);
    }
    last = i;
  }
}

/** The JS text with every comment blanked out (newlines kept), so offsets and line numbers still match. */
export const maskJsComments = memoize((code: string): string => {
  const parts: string[] = [];
  let copied = 0;
  lexJs(code, {
    comment(start, end) {
      parts.push(code.slice(copied, start), code.slice(start, end).replace(/[^\n]/g, " "));
      copied = end;
    },
  });
  parts.push(code.slice(copied));
  return parts.join("");
});

/** Index just past the quoted string starting at `start` (an unterminated one ends at the line's end). */
function skipQuoted(code: string, start: number): number {
  const quote = code[start];
  let i = start + 1;
  while (i < code.length && code[i] !== quote) {
    if (code[i] === "\\") i++;
    else if (code[i] === "\n") return i;
    i++;
  }
  return i + 1;
}

const CLOSING: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/** Closing index per opening bracket's index: -1 when it never closes properly, NOT_A_BRACKET elsewhere. */
type BracketPairs = Int32Array;
const NOT_A_BRACKET = -2;

/**
 * Pairs brackets in one pass over the brackets a lexer reports. A mismatched
 * closer ends every bracket still open, as scanning from any of them would.
 * A typed array rather than a Map: a file of brackets would pass a Map's
 * size limit long before it runs out of memory.
 */
function pairBrackets(code: string, lex: (bracket: (index: number, char: string) => void) => void): BracketPairs {
  const pairs = new Int32Array(code.length).fill(NOT_A_BRACKET);
  const open: number[] = [];
  lex((index, char) => {
    if (CLOSING[char]) {
      open.push(index);
      pairs[index] = -1;
    } else if (open.length > 0 && CLOSING[code[open[open.length - 1]]] === char) {
      pairs[open.pop()!] = index;
    } else {
      open.length = 0;
    }
  });
  return pairs;
}

/** Every bracket pair of a JS text, strings, template literals, regular expressions and comments skipped. */
const jsBracketPairs = memoize((code: string) => pairBrackets(code, (bracket) => lexJs(code, { bracket })));

/** Every bracket pair of a Python structure (strings blanked, comments removed: brackets and quotes only) or of SQL text. */
const pyBracketPairs = memoize((code: string) =>
  pairBrackets(code, (bracket) => {
    for (let i = 0; i < code.length; i++) {
      const c = code[i];
      if (c === '"' || c === "'") i = skipQuoted(code, i) - 1;
      else if (CLOSING[c] || c === ")" || c === "]" || c === "}") bracket(i, c);
    }
  }),
);

/**
 * Index of the bracket closing the one at `open` ( "(", "[" or "{" ), or -1.
 * In JavaScript (the default) strings, template literals, regular expressions
 * and comments are skipped; `jsComments: false` reads Python structure. A
 * bracket inside a string or comment is text and closes nothing: each call is
 * a lookup in one pass over the whole file, so callers that try every match
 * of a pattern stay linear.
 */
export function matchingBracket(code: string, open: number, jsComments = true): number {
  const close = (jsComments ? jsBracketPairs : pyBracketPairs)(code)[open];
  return close === undefined || close === NOT_A_BRACKET ? -1 : close;
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
  return { text, map: { start: (i) => origins[i], end: (i) => (i === 0 ? origins[0] : origins[i - 1] + (code[origins[i - 1]] === "\\" ? 2 : 1)) } };
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

/** Splits JavaScript at top-level commas, with the JS lexer: commas and quotes inside regex and template literals are not separators. */
export function splitJsTopLevel(text: string): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  lexJs(text, {
    bracket(_index, char) {
      depth += CLOSING[char] ? 1 : -1;
    },
    other(index, char) {
      if (char !== "," || depth !== 0) return;
      parts.push({ text: text.slice(start, index), offset: start });
      start = index + 1;
    },
  });
  parts.push({ text: text.slice(start), offset: start });
  return parts.filter((p) => p.text.trim() !== "");
}

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
