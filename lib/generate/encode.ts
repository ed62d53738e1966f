/**
 * Encoders: the only way a user-typed value reaches a generated file. Each one
 * turns any string into a literal of one file language that cannot end early,
 * so no input can change the code around it. Templates never see raw values:
 * the view model exposes `text.<language>.<name>` built here.
 */

const hex4 = (code: number) => code.toString(16).padStart(4, "0");

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

const COMMON_ESCAPES: [string, string][] = [
  ["\\", "\\\\"],
  ['"', '\\"'],
  ["\n", "\\n"],
  ["\t", "\\t"],
];

/**
 * `value` between double quotes: characters with a named escape use it,
 * printable ASCII stays as it is, and every other character becomes `\uXXXX`
 * (or `\UXXXXXXXX` beyond the BMP), except that `keepNonAscii` keeps
 * characters above U+007F as they are.
 */
function doubleQuoted(value: string, named: ReadonlyMap<string, string>, keepNonAscii: boolean): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    const escape = named.get(ch);
    if (escape !== undefined) out += escape;
    else if ((code >= 0x20 && code < 0x7f) || (keepNonAscii && code > 0x7f)) out += ch;
    else if (code <= 0xffff) out += `\\u${hex4(code)}`;
    else out += `\\U${code.toString(16).padStart(8, "0")}`;
  }
  return out + '"';
}

const PY_ESCAPES = new Map([...COMMON_ESCAPES, ["\r", "\\r"]]);
const YAML_TOML_ESCAPES = new Map(COMMON_ESCAPES);

/** A double-quoted Python 3 string literal (ASCII-only, so any source encoding reads it the same). */
export const pyString = (value: string): string => doubleQuoted(value, PY_ESCAPES, false);

/** A YAML double-quoted scalar (ASCII-only escapes, valid in YAML 1.1 and 1.2). */
export const yamlString = (value: string): string => doubleQuoted(value, YAML_TOML_ESCAPES, false);

/** A TOML basic string: control characters escaped, the rest of Unicode as it is. */
export const tomlString = (value: string): string => doubleQuoted(value, YAML_TOML_ESCAPES, true);

/**
 * A `.env` value. Only values the schema already restricts (origins, slugs)
 * belong in env files, so anything that dotenv or python-dotenv could expand
 * or split is refused rather than escaped.
 */
export function envValue(value: string): string {
  if (!/^[\w.:/,@+-]*$/.test(value)) {
    throw new Error(`Refusing to write ${JSON.stringify(value)} to a .env file: it holds characters env files interpret`);
  }
  return value;
}

/** An nginx token (hosts, ports, paths): validated values only, refused otherwise. */
export function nginxToken(value: string): string {
  if (!/^[\w.:/-]+$/.test(value)) {
    throw new Error(`Refusing to write ${JSON.stringify(value)} to nginx.conf`);
  }
  return value;
}

/** Inline Markdown text: one line, Markdown and HTML syntax neutralised. */
export function markdownText(value: string): string {
  return value
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/[\\`*_{}[\]()#!|~>]/g, (ch) => `\\${ch}`)
    // List markers only matter at the start of a line.
    .replace(/^(\d*)([-+.])/, "$1\\$2")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;");
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

/** Every user-typed value, encoded for every language that may hold it. */
export function encodeAll<K extends string>(values: Record<K, string>, languages: Language[]) {
  const text = {} as Record<Language, Record<K, string>>;
  for (const language of languages) {
    const encoded = {} as Record<K, string>;
    for (const key of Object.keys(values) as K[]) encoded[key] = ENCODERS[language](values[key]);
    text[language] = encoded;
  }
  return text;
}
