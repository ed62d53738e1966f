/**
 * Permalinks: a configuration as a short, versioned query string
 * (`v=1&db=supabase&sv=database`), defaults left out. Decoding trusts nothing:
 * every value goes through the configuration schema, and what is unknown or
 * invalid is dropped and reported as a notice (plain text, never HTML) with
 * the value used instead.
 */
import { DEFAULT_CONFIG, parseConfig, type Config, type ConfigProblem } from "../config/schema";
import { FIELD_LABELS, formatValue } from "../questions";
import { getPath, setPath } from "./path";
import { decodeText, encodeText } from "./text";

export { getPath };

export const PERMALINK_VERSION = 1;

type Kind = "text" | "int" | "bool" | "list";
type Field = { key: string; path: string; kind: Kind };

/** Every leaf of the configuration, with its short key. A test checks this covers the schema. */
export const PERMALINK_FIELDS: readonly Field[] = [
  { key: "n", path: "projectName", kind: "text" },
  { key: "d", path: "description", kind: "text" },
  { key: "db", path: "database.host", kind: "text" },
  { key: "ep", path: "auth.emailPassword.enabled", kind: "bool" },
  { key: "ev", path: "auth.emailPassword.requireEmailVerification", kind: "bool" },
  { key: "pn", path: "auth.emailPassword.minPasswordLength", kind: "int" },
  { key: "px", path: "auth.emailPassword.maxPasswordLength", kind: "int" },
  { key: "oa", path: "auth.oauth.providers", kind: "list" },
  { key: "ml", path: "auth.magicLink.enabled", kind: "bool" },
  { key: "sv", path: "session.validationMethod", kind: "text" },
  { key: "se", path: "session.expiresIn", kind: "int" },
  { key: "su", path: "session.updateAge", kind: "int" },
  { key: "cc", path: "session.cookieCache.enabled", kind: "bool" },
  { key: "ca", path: "session.cookieCache.maxAge", kind: "int" },
  { key: "as", path: "deployment.authServer", kind: "text" },
  { key: "ap", path: "deployment.apiServer", kind: "text" },
  { key: "dk", path: "deployment.useDocker", kind: "bool" },
  { key: "o", path: "cors.origins", kind: "list" },
  { key: "ss", path: "cors.sameSite", kind: "text" },
  { key: "rl", path: "rateLimit.enabled", kind: "bool" },
  { key: "rw", path: "rateLimit.window", kind: "int" },
  { key: "rm", path: "rateLimit.max", kind: "int" },
  { key: "rs", path: "rateLimit.storage", kind: "text" },
  { key: "fw", path: "stack.framework", kind: "text" },
  { key: "orm", path: "stack.orm", kind: "text" },
  { key: "em", path: "email.transport", kind: "text" },
  { key: "pa", path: "ports.authServer", kind: "int" },
  { key: "pb", path: "ports.backend", kind: "int" },
];

const FIELD_BY_KEY = new Map(PERMALINK_FIELDS.map((f) => [f.key, f]));
/** More parts than any valid link has; the rest of a longer query is not read. */
const MAX_PARTS = 64;
/** Values are quoted in notices at most this long. */
const QUOTE_LENGTH = 60;

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function encodeValue(kind: Kind, value: unknown): string {
  switch (kind) {
    case "bool":
      return value ? "1" : "0";
    case "int":
      return String(value);
    case "list":
      return (value as string[]).map(encodeText).join(",");
    case "text":
      return encodeText(value as string);
  }
}

/** The query string (without `?`) for a valid configuration. */
export function encodePermalink(config: Config): string {
  const parts = [`v=${PERMALINK_VERSION}`];
  for (const field of PERMALINK_FIELDS) {
    const value = getPath(config, field.path);
    if (value === undefined || sameValue(value, getPath(DEFAULT_CONFIG, field.path))) continue;
    parts.push(`${field.key}=${encodeValue(field.kind, value)}`);
  }
  return parts.join("&");
}

/** The settings that differ from the defaults, as a partial configuration (what the CLI and the API accept). */
export function nonDefaultSettings(config: Config): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const field of PERMALINK_FIELDS) {
    const value = getPath(config, field.path);
    if (value !== undefined && !sameValue(value, getPath(DEFAULT_CONFIG, field.path))) setPath(settings, field.path, value);
  }
  return settings;
}

/** Something a link asked for that was not used, in words. `field` is the dotted path, when there is one. */
export type PermalinkNotice = { field?: string; message: string };

export type DecodedPermalink = {
  /** False when the query holds no configuration at all (no `v`, no known key). */
  present: boolean;
  config: Config;
  notices: PermalinkNotice[];
};

/** Reads untrusted query text; never throws. */
export function decodePermalink(query: string): DecodedPermalink {
  const { pairs, notices } = splitQuery(query);
  const version = pairs.get("v");
  pairs.delete("v");
  const present = version !== undefined || [...pairs.keys()].some((key) => FIELD_BY_KEY.has(key));
  if (!present) return { present, config: DEFAULT_CONFIG, notices: [] };
  if (version !== undefined && version !== String(PERMALINK_VERSION)) {
    const message =
      `This link is for configuration version ${quote(version)}, which this version of Sidecar does not know ` +
      `(it reads version ${PERMALINK_VERSION}). Nothing was loaded from it; the defaults are shown.`;
    return { present, config: DEFAULT_CONFIG, notices: [{ field: "version", message }] };
  }
  const input: Record<string, unknown> = {};
  const given = new Map<string, string>();
  for (const [key, raw] of pairs) {
    const field = FIELD_BY_KEY.get(key);
    if (!field) {
      notices.push({ message: `The link's unknown setting ${quote(key)} was ignored.` });
      continue;
    }
    const value = decodeValue(field.kind, raw);
    if (value === undefined) {
      notices.push(replaced(field.path, raw, "it could not be read"));
      continue;
    }
    setPath(input, field.path, value);
    given.set(field.path, raw);
  }
  return { present, ...validateDroppingInvalid(input, given, notices) };
}

/** Splits `a=1&b=2`, keeping the first of repeated keys; counts as notices what cannot be read. */
function splitQuery(query: string): { pairs: Map<string, string>; notices: PermalinkNotice[] } {
  const pairs = new Map<string, string>();
  const notices: PermalinkNotice[] = [];
  const parts = query.replace(/^\?/, "").split("&").filter(Boolean);
  if (parts.length > MAX_PARTS) notices.push({ message: `The link has ${parts.length} parts; only the first ${MAX_PARTS} were read.` });
  for (const part of parts.slice(0, MAX_PARTS)) {
    const eq = part.indexOf("=");
    const key = decodeText(eq === -1 ? part : part.slice(0, eq));
    const raw = eq === -1 ? "" : part.slice(eq + 1);
    if (key === undefined) notices.push({ message: "A part of the link could not be read and was ignored." });
    else if (pairs.has(key)) notices.push({ message: `The setting ${quote(key)} appears more than once; the first value was used.` });
    else pairs.set(key, raw);
  }
  return { pairs, notices };
}

/**
 * Types a raw value for the schema. Values of the wrong shape are passed on as
 * strings so the schema's own message explains what was expected.
 */
function decodeValue(kind: Kind, raw: string): unknown {
  switch (kind) {
    case "bool":
      return raw === "1" ? true : raw === "0" ? false : decodeText(raw);
    case "int":
      return /^-?\d{1,15}$/.test(raw) ? Number(raw) : decodeText(raw);
    case "list": {
      const items = raw === "" ? [] : raw.split(",").map(decodeText);
      return items.some((item) => item === undefined) ? undefined : items;
    }
    case "text":
      return decodeText(raw);
  }
}

/**
 * Validates with the schema; each problem drops the link's value for the field
 * it names (or, for a rule about a group, the link's values in that group), and
 * validation runs again until the configuration is valid.
 */
function validateDroppingInvalid(
  input: Record<string, unknown>,
  given: Map<string, string>,
  notices: PermalinkNotice[],
): { config: Config; notices: PermalinkNotice[] } {
  for (;;) {
    const parsed = parseConfig(input);
    if (parsed.ok) return { config: parsed.config, notices };
    const culprits = culpritFields(parsed.problems, given);
    if (culprits.length === 0) {
      notices.push({ message: "The link's settings do not fit together; the defaults were used." });
      return { config: DEFAULT_CONFIG, notices };
    }
    for (const { path, problem } of culprits) {
      notices.push(replaced(path, given.get(path)!, problem.message));
      setPath(input, path, undefined);
      given.delete(path);
    }
  }
}

function culpritFields(problems: ConfigProblem[], given: Map<string, string>) {
  const culprits = new Map<string, ConfigProblem>();
  for (const problem of problems) {
    for (const path of given.keys()) {
      const named = problem.path === path || problem.path.startsWith(`${path}.`);
      const inGroup = path.startsWith(`${problem.path}.`) || problem.path === "(root)";
      if (named || inGroup) culprits.set(path, culprits.get(path) ?? problem);
    }
  }
  return [...culprits].map(([path, problem]) => ({ path, problem }));
}

function replaced(path: string, raw: string, reason: string): PermalinkNotice {
  const label = FIELD_LABELS[path] ?? path;
  const used = formatValue(path, getPath(DEFAULT_CONFIG, path));
  return { field: path, message: `${quote(decodeText(raw) ?? raw)} is not a valid ${label} (${reason}); ${used} was used.` };
}

/** A value quoted for a plain-text message, shortened and with control characters made visible. */
function quote(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this makes visible
  const visible = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, "\ufffd");
  return `'${visible.length > QUOTE_LENGTH ? `${visible.slice(0, QUOTE_LENGTH)}…` : visible}'`;
}
