/**
 * Permalinks: a configuration as a short, versioned query string
 * (`v=1&db=supabase&sv=database`), defaults left out. Decoding trusts nothing:
 * every value goes through the configuration schema, and what is unknown or
 * invalid is dropped and reported as a notice (plain text, never HTML) with
 * the value used instead.
 */
import { DEFAULT_CONFIG, parseConfig, type Config, type ConfigProblem } from "../config/schema";
import { getIn, setIn, type ConfigPath } from "../config/paths";
import { CONFIG_PATHS, FIELDS, formatValue, type PermalinkKind } from "../questions/fields";
import { LINK_DEFAULTS } from "./defaults";
import { decodeText, encodeText } from "./text";

export const PERMALINK_VERSION = 2;

type Kind = PermalinkKind;
type Field = { key: string; path: ConfigPath; kind: Kind };

/** Every setting with a short key, from the field registry. */
export const PERMALINK_FIELDS: readonly Field[] = CONFIG_PATHS.flatMap((path) => {
  const permalink = FIELDS[path].permalink;
  return permalink ? [{ path, ...permalink }] : [];
});

const FIELD_BY_KEY = new Map(PERMALINK_FIELDS.map((f) => [f.key, f]));
/** Values are quoted in notices at most this long. */
const QUOTE_LENGTH = 60;
/** A grouped notice names at most this many of the keys it is about. */
const NAMED_KEYS = 5;

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

/**
 * The query string (without `?`) for a valid configuration: the settings that
 * differ from `base` (the defaults, or an organization's starting point when
 * its policy sets other defaults: a link and its reader share the base).
 */
export function encodePermalink(config: Config, base: Config = DEFAULT_CONFIG): string {
  const parts = [`v=${PERMALINK_VERSION}`];
  for (const field of PERMALINK_FIELDS) {
    const value = getIn(config, field.path);
    if (value === undefined || sameValue(value, getIn(base, field.path))) continue;
    parts.push(`${field.key}=${encodeValue(field.kind, value)}`);
  }
  return parts.join("&");
}

/** The settings that differ from `base`, as a partial configuration (what the CLI and the API accept). */
export function nonDefaultSettings(config: Config, base: Config = DEFAULT_CONFIG): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const field of PERMALINK_FIELDS) {
    const value = getIn(config, field.path);
    if (value !== undefined && !sameValue(value, getIn(base, field.path))) setIn(settings, field.path, value);
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

/**
 * What a link is read against: the configuration its settings are laid over
 * (an organization's starting point; by default the defaults of the link's own
 * version, so a link keeps its meaning when a default changes), rules beyond
 * the schema's (an organization policy's, named in notices), and the presets
 * `preset=<id>` may name (each a complete starting configuration).
 */
export type LinkContext = {
  base?: Config;
  rules?: { name: string; problems: (config: Config) => ConfigProblem[] };
  presets?: ReadonlyMap<string, Config>;
  /** The defaults of each link version (LINK_DEFAULTS unless a test says otherwise). */
  linkDefaults?: Readonly<Record<number, Config>>;
};

const PRESET_KEY = "preset";

/** The defaults a link of this version was made against; a link without `v` is of the current version. */
function defaultsOf(version: string | undefined, linkDefaults: Readonly<Record<number, Config>>): Config | undefined {
  if (version === undefined) return linkDefaults[PERMALINK_VERSION];
  return /^(?:0|[1-9]\d{0,3})$/.test(version) && Object.hasOwn(linkDefaults, version) ? linkDefaults[Number(version)] : undefined;
}

/** Reads untrusted query text; never throws. Settings the link leaves out take the base's values. */
export function decodePermalink(query: string, context: LinkContext = {}): DecodedPermalink {
  const { pairs, repeats, notices } = splitQuery(query);
  const version = pairs.get("v");
  pairs.delete("v");
  const presetId = pairs.get(PRESET_KEY);
  pairs.delete(PRESET_KEY);
  const present = version !== undefined || presetId !== undefined || [...pairs.keys()].some((key) => FIELD_BY_KEY.has(key));
  const start = context.base ?? DEFAULT_CONFIG;
  if (!present) return { present, config: start, notices: [] };
  const preset = presetId === undefined ? undefined : context.presets?.get(decodeText(presetId) ?? "");
  if (presetId !== undefined && !preset)
    notices.push({ field: PRESET_KEY, message: `The link's preset ${quote(presetId)} is not one this Sidecar offers; it was ignored.` });
  const defaults = defaultsOf(version, context.linkDefaults ?? LINK_DEFAULTS);
  const base = preset ?? context.base ?? defaults;
  if (!defaults || !base) {
    const message =
      `This link is for configuration version ${quote(version ?? String(PERMALINK_VERSION))}, which this version of Sidecar does not know ` +
      `(it reads version ${PERMALINK_VERSION}). Nothing was loaded from it; the defaults are shown.`;
    return { present, config: start, notices: [{ field: "version", message }] };
  }
  const input: Record<string, unknown> = {};
  const given = new Map<ConfigPath, string>();
  const unknown: string[] = [];
  for (const [key, raw] of pairs) {
    const field = FIELD_BY_KEY.get(key);
    if (!field) {
      unknown.push(key);
      continue;
    }
    const value = decodeValue(field.kind, raw);
    if (value === undefined) {
      notices.push(replaced(field.path, raw, "it could not be read", base));
      continue;
    }
    setIn(input, field.path, value);
    given.set(field.path, raw);
  }
  if (unknown.length > 0)
    notices.push({
      message: `${countOf(unknown.length, "unknown setting")} of the link ${unknown.length === 1 ? "was" : "were"} ignored: ${named(unknown, repeats)}.`,
    });
  return { present, ...validateDroppingInvalid(input, given, notices, base, context.rules) };
}

const countOf = (count: number, noun: string) => (count === 1 ? `One ${noun}` : `${count.toLocaleString("en")} ${noun}s`);

/** The first few keys, quoted (with how often each came, when more than once), and how many more. */
function named(keys: readonly string[], repeats: ReadonlyMap<string, number>): string {
  const times = (key: string) => (repeats.has(key) ? ` (${repeats.get(key)! + 1} times)` : "");
  const shown = keys
    .slice(0, NAMED_KEYS)
    .map((key) => `${quote(key)}${times(key)}`)
    .join(", ");
  return keys.length > NAMED_KEYS ? `${shown} and ${(keys.length - NAMED_KEYS).toLocaleString("en")} more` : shown;
}

/**
 * Splits `a=1&b=2`, keeping the first of repeated keys. Every part is read, and
 * what is not used is reported, grouped: one notice per repeated key (with how
 * many times it came again), one for all unreadable parts.
 */
function splitQuery(query: string): { pairs: Map<string, string>; repeats: Map<string, number>; notices: PermalinkNotice[] } {
  const pairs = new Map<string, string>();
  const repeats = new Map<string, number>();
  let unreadable = 0;
  for (const part of query.replace(/^\?/, "").split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = decodeText(eq === -1 ? part : part.slice(0, eq));
    const raw = eq === -1 ? "" : part.slice(eq + 1);
    if (key === undefined) unreadable++;
    else if (pairs.has(key)) repeats.set(key, (repeats.get(key) ?? 0) + 1);
    else pairs.set(key, raw);
  }
  const notices: PermalinkNotice[] = [];
  if (unreadable > 0)
    notices.push({ message: `${countOf(unreadable, "part")} of the link could not be read and ${unreadable === 1 ? "was" : "were"} ignored.` });
  const repeated = [...repeats].filter(([key]) => FIELD_BY_KEY.has(key) || key === "v");
  for (const [key, count] of repeated.slice(0, NAMED_KEYS)) {
    notices.push({ message: `The setting ${quote(key)} appears ${count + 1} times; the first value was used.` });
  }
  if (repeated.length > NAMED_KEYS) {
    notices.push({ message: `${(repeated.length - NAMED_KEYS).toLocaleString("en")} more settings appear more than once; the first value of each was used.` });
  }
  return { pairs, repeats, notices };
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
      // No list item (an origin, a provider) may hold a comma, so an encoded comma
      // separates items too: Next.js hands route handlers the query re-encoded, `,` as %2C.
      const items = raw === "" ? [] : raw.split(/,|%2C/i).map(decodeText);
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
  given: Map<ConfigPath, string>,
  notices: PermalinkNotice[],
  base: Config,
  rules: LinkContext["rules"],
): { config: Config; notices: PermalinkNotice[] } {
  for (;;) {
    const parsed = parseConfig(overlay(base, input));
    const problems = parsed.ok ? (rules?.problems(parsed.config) ?? []) : parsed.problems;
    if (parsed.ok && problems.length === 0) return { config: parsed.config, notices };
    const culprits = culpritFields(problems, given);
    if (culprits.length === 0) {
      notices.push({ message: "The link's settings do not fit together; the defaults were used." });
      return { config: base, notices };
    }
    for (const { path, problem } of culprits) {
      const refusedBy = parsed.ok ? rules?.name : undefined;
      notices.push(replaced(path, given.get(path)!, problem.message, base, refusedBy));
      setIn(input, path, undefined);
      given.delete(path);
    }
  }
}

/** `input`'s settings laid over a copy of `base`; a setting cleared to undefined keeps base's value. */
function overlay(base: Config, input: Record<string, unknown>): Record<string, unknown> {
  const merged = structuredClone(base) as Record<string, unknown>;
  for (const field of PERMALINK_FIELDS) {
    const value = getIn(input, field.path);
    if (value !== undefined) setIn(merged, field.path, value);
  }
  return merged;
}

function culpritFields(problems: ConfigProblem[], given: Map<ConfigPath, string>) {
  const culprits = new Map<ConfigPath, ConfigProblem>();
  for (const problem of problems) {
    for (const path of given.keys()) {
      const named = problem.path === path || problem.path.startsWith(`${path}.`);
      const inGroup = path.startsWith(`${problem.path}.`) || problem.path === "(root)";
      if (named || inGroup) culprits.set(path, culprits.get(path) ?? problem);
    }
  }
  return [...culprits].map(([path, problem]) => ({ path, problem }));
}

function replaced(path: ConfigPath, raw: string, reason: string, base: Config, refusedBy?: string): PermalinkNotice {
  const label = FIELDS[path].label;
  const used = formatValue(path, getIn(base, path));
  const value = quote(decodeText(raw) ?? raw);
  const message = refusedBy
    ? `${value} for ${label} is refused by ${refusedBy} (${reason}); ${used} was used.`
    : `${value} is not a valid ${label} (${reason}); ${used} was used.`;
  return { field: path, message };
}

/** A value quoted for a plain-text message, shortened and with control characters made visible. */
function quote(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this makes visible
  const visible = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, "\ufffd");
  return `'${visible.length > QUOTE_LENGTH ? `${visible.slice(0, QUOTE_LENGTH)}…` : visible}'`;
}
