/**
 * An organization policy (`sidecar.policy.json`): a platform team's defaults,
 * approved choices, locked values, constraints, presets and branding for a
 * self-hosted Sidecar. A policy only narrows what the configuration schema
 * allows; one that would widen it, or contradicts itself or the schema, is
 * refused with the dotted path of each problem.
 */
import { z } from "zod";
import { configLeaf, leafPathsOf, type Leaf } from "./leaves";
import { originPatternProblem } from "./origin-pattern";
import { policyViolations } from "./policy-rules";
import { parseConfig, type Config, type ConfigProblem } from "./schema";

/** A policy is a short hand-written file; anything far larger or deeper is not one. */
export const MAX_POLICY_BYTES = 256 * 1024;
const MAX_POLICY_DEPTH = 16;

const reason = z.string().trim().min(1, "Give the reason users will see").max(300, "Keep a reason under 300 characters");
const httpsUrl = z
  .string()
  .max(2048)
  .refine((value) => URL.canParse(value) && new URL(value).protocol === "https:", "Use an https:// URL");
const jsonObject = z.record(z.string(), z.unknown());

const presetSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "A preset id is 1-40 lowercase letters, digits and hyphens"),
  title: z.string().trim().min(1).max(80),
  description: z.string().max(300).default(""),
  config: jsonObject.default({}),
});

const requirementSchema = z
  .strictObject({
    min: z.number().optional(),
    max: z.number().optional(),
    match: z.array(z.string().max(200)).min(1).max(50).optional(),
    reason,
  })
  .refine((r) => r.min !== undefined || r.max !== undefined || r.match !== undefined, "Give min, max or match");

const policyFileSchema = z.strictObject({
  version: z.literal(1, "Only policy version 1 exists"),
  name: z.string().trim().min(1, "Name the policy (e.g. the team that owns it)").max(100),
  branding: z
    .strictObject({
      title: z.string().trim().min(1).max(60).optional(),
      logoUrl: httpsUrl.optional(),
      accent: z
        .string()
        .regex(/^#[0-9a-f]{6}$/i, "An accent colour is #rrggbb")
        .optional(),
      links: z
        .array(z.strictObject({ label: z.string().trim().min(1).max(60), url: httpsUrl }))
        .max(10)
        .default([]),
    })
    .optional(),
  defaults: jsonObject.default({}),
  allow: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()])).min(1, "Allow at least one value")).default({}),
  lock: z.record(z.string(), z.strictObject({ value: z.unknown(), reason })).default({}),
  require: z.record(z.string(), requirementSchema).default({}),
  presets: z.array(presetSchema).max(50).default([]),
  /** "replace": offer only this policy's presets, not the built-in ones. */
  builtInPresets: z.enum(["keep", "replace"]).default("keep"),
});

export type Policy = z.output<typeof policyFileSchema>;
export type PolicyProblem = ConfigProblem;
export type Preset = Policy["presets"][number];
export { policyViolations } from "./policy-rules";

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Reads and validates a policy file's text. */
export function parsePolicy(text: string): { ok: true; policy: Policy } | { ok: false; problems: PolicyProblem[] } {
  if (text.length > MAX_POLICY_BYTES) {
    return fail("(root)", `A policy file is at most ${MAX_POLICY_BYTES / 1024} kB; this one is ${Math.ceil(text.length / 1024)} kB`);
  }
  if (nestingDepth(text) > MAX_POLICY_DEPTH) return fail("(root)", `The policy is nested deeper than ${MAX_POLICY_DEPTH} levels`);
  let raw: unknown;
  let forbidden: string | undefined;
  try {
    raw = JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
      return value;
    });
  } catch (error) {
    return fail("(root)", `The policy is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (forbidden) return fail("(root)", `The key "${forbidden}" is not allowed anywhere in a policy`);
  return validatePolicy(raw);
}

/** The deepest nesting of objects and arrays in JSON text, in one pass that reads strings as text. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{" || char === "[") deepest = Math.max(deepest, ++depth);
    else if (char === "}" || char === "]") depth--;
  }
  return deepest;
}

/** Validates a policy value: its shape, then every rule against the configuration schema, then its own consistency. */
export function validatePolicy(raw: unknown): { ok: true; policy: Policy } | { ok: false; problems: PolicyProblem[] } {
  const shape = policyFileSchema.safeParse(raw);
  if (!shape.success) {
    return { ok: false, problems: shape.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message })) };
  }
  const policy = shape.data;
  // A policy's own consistency is only judged once each rule makes sense on its own.
  const rules = ruleProblems(policy);
  const problems = rules.length > 0 ? rules : consistencyProblems(policy);
  return problems.length === 0 ? { ok: true, policy } : { ok: false, problems };
}

function fail(path: string, message: string) {
  return { ok: false as const, problems: [{ path, message }] };
}

/** Each rule names a real field and narrows it within the schema's own bounds. */
function ruleProblems(policy: Policy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const fieldOf = (section: string, path: string) => {
    const field = configLeaf(path);
    if (!field) problems.push({ path: `${section}.${path}`, message: `No configuration field is called "${path}"` });
    return field;
  };
  for (const [path, values] of Object.entries(policy.allow)) {
    const field = fieldOf("allow", path);
    if (!field) continue;
    if (field.leaf.kind !== "enum" && field.leaf.kind !== "enum-list") {
      problems.push({ path: `allow.${path}`, message: "allow lists choices, so it applies to fields with a fixed set of options" });
      continue;
    }
    const options = field.leaf.options;
    for (const value of values) {
      if (!options.includes(String(value))) {
        problems.push({ path: `allow.${path}`, message: `"${String(value)}" is not an option of ${path} (${options.join(", ")})` });
      }
    }
  }
  for (const [path, { value }] of Object.entries(policy.lock)) {
    const field = fieldOf("lock", path);
    if (field && !field.schema.safeParse(value).success) {
      problems.push({ path: `lock.${path}.value`, message: `${JSON.stringify(value)} is not a valid value of ${path}` });
    }
  }
  for (const [path, requirement] of Object.entries(policy.require)) {
    const field = fieldOf("require", path);
    if (field) problems.push(...requirementProblems(`require.${path}`, field.leaf, requirement));
  }
  return problems;
}

function requirementProblems(at: string, leaf: Leaf, requirement: Policy["require"][string]): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const { min, max, match } = requirement;
  if ((min !== undefined || max !== undefined) && leaf.kind !== "number") {
    problems.push({ path: at, message: "min and max apply to number fields" });
  }
  if (leaf.kind === "number") {
    if (min !== undefined && min < leaf.min)
      problems.push({ path: `${at}.min`, message: `The schema already requires at least ${leaf.min}: a policy can only narrow` });
    if (max !== undefined && max > leaf.max)
      problems.push({ path: `${at}.max`, message: `The schema already allows at most ${leaf.max}: a policy can only narrow` });
    if (min !== undefined && max !== undefined && min > max) problems.push({ path: at, message: `min (${min}) is above max (${max})` });
  }
  if (match) {
    if (leaf.kind !== "text-list") problems.push({ path: `${at}.match`, message: "match applies to origin lists" });
    match.forEach((pattern, i) => {
      const problem = originPatternProblem(pattern);
      if (problem) problems.push({ path: `${at}.match.${i}`, message: `${JSON.stringify(pattern)}: ${problem}` });
    });
  }
  return problems;
}

/** The defaults, the locked values and every preset must be configurations the policy itself allows. */
function consistencyProblems(policy: Policy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  problems.push(...unknownFields("defaults", policy.defaults));
  for (const preset of policy.presets) problems.push(...unknownFields(`presets.${preset.id}.config`, preset.config));
  const ids = policy.presets.map((p) => p.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) problems.push({ path: `presets.${i}.id`, message: `Two presets are called "${id}"` });
  });
  if (problems.length > 0) return problems;
  const startingPoints: [string, Record<string, unknown>][] = [
    ["defaults", {}],
    ...policy.presets.map((p): [string, Record<string, unknown>] => [`presets.${p.id}`, p.config]),
  ];
  for (const [at, overlay] of startingPoints) {
    const result = startingConfig(policy, overlay);
    if (!result.ok) {
      problems.push(...result.problems.map((p) => ({ path: `${at}: ${p.path}`, message: p.message })));
      continue;
    }
    for (const violation of policyViolations(policy, result.config)) {
      problems.push({ path: `${at}: ${violation.path}`, message: `breaks its own rule ${violation.rule}: ${violation.message}` });
    }
  }
  return problems;
}

function unknownFields(at: string, value: Record<string, unknown>): PolicyProblem[] {
  return leafPathsOf(value)
    .filter((path) => !configLeaf(path))
    .map((path) => ({ path: `${at}.${path}`, message: `No configuration field is called "${path}"` }));
}

/** A partial configuration (a CLI file, an API body) laid over a complete one; parse the result to validate it. */
export function laidOver(base: Config, input: unknown): unknown {
  return isPlainObject(input) ? mergeDeep(structuredClone(base), input) : input;
}

/** The policy's defaults with `overlay` (a preset, a link's answers) over them and the locked values over both. */
export function startingConfig(policy: Policy, overlay: Record<string, unknown> = {}): { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] } {
  const merged = mergeDeep(mergeDeep({}, policy.defaults), overlay);
  for (const [path, { value }] of Object.entries(policy.lock)) setPath(merged, path, value);
  return parseConfig(merged);
}

/** SHA-256 of the policy's canonical JSON (keys sorted, no whitespace), as `sha256:<hex>`. */
export async function policyHash(policy: Policy): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonicalJson(policy)));
  return `sha256:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

type PlainObject = Record<string, unknown>;
const isPlainObject = (value: unknown): value is PlainObject => typeof value === "object" && value !== null && !Array.isArray(value);

function mergeDeep(target: PlainObject, source: PlainObject): PlainObject {
  for (const [key, value] of Object.entries(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const existing = target[key];
    target[key] = isPlainObject(value) ? mergeDeep(isPlainObject(existing) ? existing : {}, value) : value;
  }
  return target;
}

function setPath(target: PlainObject, path: string, value: unknown) {
  const keys = path.split(".");
  let current = target;
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(current[key])) current[key] = {};
    current = current[key] as PlainObject;
  }
  current[keys[keys.length - 1]] = value;
}
