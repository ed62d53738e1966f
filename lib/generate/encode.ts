/**
 * Encoders: the only way a user-typed value reaches a generated file. Each one
 * turns any string into a literal of one file language that cannot end early,
 * so no input can change the code around it. Templates never see raw values:
 * the view model exposes `text.<language>.<name>` built here.
 */

const hex4 = (code: number) => code.toString(16).padStart(4, "0");

/** Control characters (C0 but tab and newline, DEL, C1) and bidirectional controls: invisible, or reorder the text around them. */
const isControl = (code: number) =>
  code <= 0x08 || // C0 before tab
  (code >= 0x0b && code <= 0x1f) || // C0 after newline
  (code >= 0x7f && code <= 0x9f) || // DEL, C1
  code === 0x061c || // Arabic letter mark
  code === 0x200e || // left-to-right mark
  code === 0x200f || // right-to-left mark
  (code >= 0x202a && code <= 0x202e) || // bidirectional embeddings and overrides
  (code >= 0x2066 && code <= 0x2069); // bidirectional isolates

/** Free text as it may reach a generated file: control and bidi characters removed. */
function withoutControls(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    if (!isControl(value.charCodeAt(i))) out += value[i];
  }
  return out;
}

/** A double-quoted TypeScript/JavaScript string literal. */
export function tsString(value: string): string {
  // JSON is a subset of JS string syntax; escaping the line separators and `<`
  // keeps the literal inert in every JS context (including inline scripts).
  return JSON.stringify(value).replace(/[\u2028\u2029<]/g, (ch) => `\\u${hex4(ch.charCodeAt(0))}`);
}

/** A JSON string value. */
export function jsonString(value: string): string {
  return JSON.stringify(value);
}

/** The escapes every double-quoted string language here shares. */
const BASIC_ESCAPES: ReadonlyMap<string, string> = new Map([
  ["\\", "\\\\"],
  ['"', '\\"'],
  ["\n", "\\n"],
  ["\t", "\\t"],
]);

/** Printable ASCII as it is; every other character as `\uXXXX` or `\UXXXXXXXX`. */
function asciiOnly(ch: string, code: number): string {
  if (code >= 0x20 && code < 0x7f) return ch;
  return code <= 0xffff ? `\\u${hex4(code)}` : `\\U${code.toString(16).padStart(8, "0")}`;
}

/** `value` between double quotes: each character its named escape, else what `other` makes of it. */
function doubleQuoted(value: string, named: ReadonlyMap<string, string>, other: (ch: string, code: number) => string): string {
  let out = '"';
  for (const ch of value) out += named.get(ch) ?? other(ch, ch.codePointAt(0)!);
  return out + '"';
}

const PYTHON_ESCAPES: ReadonlyMap<string, string> = new Map([...BASIC_ESCAPES, ["\r", "\\r"]]);

/** A double-quoted Python 3 string literal (ASCII-only, so any source encoding reads it the same). */
export function pyString(value: string): string {
  return doubleQuoted(value, PYTHON_ESCAPES, asciiOnly);
}

/** A YAML double-quoted scalar (ASCII-only escapes, valid in YAML 1.1 and 1.2). */
export function yamlString(value: string): string {
  return doubleQuoted(value, BASIC_ESCAPES, asciiOnly);
}

/** A TOML basic string: control characters escaped, the rest as it is. */
export function tomlString(value: string): string {
  return doubleQuoted(value, BASIC_ESCAPES, (ch, code) => (code < 0x20 || code === 0x7f ? `\\u${hex4(code)}` : ch));
}

/**
 * A `.env` value. Only values the schema already restricts (origins, slugs)
 * belong in env files, so anything that dotenv or python-dotenv could expand
 * or split is refused rather than escaped. The brackets are those of IPv6
 * origins (`http://[::1]:5173`): neither reader gives them a meaning.
 */
export function envValue(value: string): string {
  if (!/^[\w.:/,@+[\]-]*$/.test(value)) {
    throw new Error(`Refusing to write ${JSON.stringify(value)} to a .env file: it holds characters env files interpret`);
  }
  return value;
}

/** An nginx token (hosts, ports, paths, IPv6 literals as in `listen [::1]:80`): validated values only, refused otherwise. */
export function nginxToken(value: string): string {
  if (!/^[\w.:/[\]-]+$/.test(value)) {
    throw new Error(`Refusing to write ${JSON.stringify(value)} to nginx.conf`);
  }
  return value;
}

/** Inline Markdown text: one line, Markdown and HTML syntax neutralised. */
export function markdownText(value: string): string {
  return (
    value
      .replace(/[\r\n\u2028\u2029]+/g, " ")
      .replace(/[\\`*_{}[\]()#!|~>]/g, (ch) => `\\${ch}`)
      // List markers only matter at the start of a line.
      .replace(/^(\d*)([-+.])/, "$1\\$2")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
  );
}

export const ENCODERS = {
  ts: tsString,
  json: jsonString,
  py: pyString,
  yaml: yamlString,
  toml: tomlString,
  env: envValue,
  nginx: nginxToken,
  md: markdownText,
} as const;

export type Language = keyof typeof ENCODERS;

/** Every user-typed value, control characters removed, encoded for every language that may hold it. */
export function encodeAll<K extends string>(values: Record<K, string>, languages: Language[]) {
  const text = {} as Record<Language, Record<K, string>>;
  for (const language of languages) {
    const encoded = {} as Record<K, string>;
    for (const key of Object.keys(values) as K[]) encoded[key] = ENCODERS[language](withoutControls(values[key]));
    text[language] = encoded;
  }
  return text;
}
