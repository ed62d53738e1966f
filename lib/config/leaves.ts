/**
 * The configuration's leaves (the fields a person answers), read off the zod
 * schema itself, so anything keyed by a dotted field path (an organization
 * policy) is checked against the one definition of the fields and their bounds.
 */
import type { z } from "zod";
import { configSchema } from "./schema";

export type Leaf =
  | { kind: "enum"; options: readonly string[] }
  | { kind: "enum-list"; options: readonly string[] }
  | { kind: "number"; min: number; max: number }
  | { kind: "boolean" }
  | { kind: "text" }
  | { kind: "text-list" }
  | { kind: "constant" };

type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType> };

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under its wrappers (default, prefault, optional). */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let def = defOf(current); def.innerType; def = defOf(current)) current = def.innerType;
  return current;
}

function leafOf(schema: z.ZodType): Leaf {
  const def = defOf(schema);
  switch (def.type) {
    case "enum":
      return { kind: "enum", options: (schema as z.ZodEnum).options.map(String) };
    case "number": {
      const { minValue, maxValue } = schema as z.ZodNumber;
      return { kind: "number", min: minValue ?? -Infinity, max: maxValue ?? Infinity };
    }
    case "boolean":
      return { kind: "boolean" };
    case "string":
      return { kind: "text" };
    case "literal":
      return { kind: "constant" };
    case "array": {
      const element = unwrap(def.element as z.ZodType);
      if (defOf(element).type === "enum") return { kind: "enum-list", options: (element as z.ZodEnum).options.map(String) };
      return { kind: "text-list" };
    }
    default:
      throw new Error(`The configuration has a field of a kind no policy understands: ${def.type}`);
  }
}

function collect(shape: Record<string, z.ZodType>, prefix: string, into: Map<string, { leaf: Leaf; schema: z.ZodType }>) {
  for (const [key, field] of Object.entries(shape)) {
    const inner = unwrap(field);
    const path = prefix + key;
    const def = defOf(inner);
    if (def.type === "object" && def.shape) collect(def.shape, `${path}.`, into);
    else into.set(path, { leaf: leafOf(inner), schema: inner });
  }
}

const LEAVES = new Map<string, { leaf: Leaf; schema: z.ZodType }>();
collect(configSchema.shape, "", LEAVES);

/** Every answerable field by its dotted path (`auth.emailPassword.minPasswordLength`), with its kind and bounds. */
export function configLeaf(path: string): { leaf: Leaf; schema: z.ZodType } | undefined {
  return LEAVES.get(path);
}

export function configLeafPaths(): string[] {
  return [...LEAVES.keys()];
}

/** The dotted paths of every non-object value in a plain JSON object. */
export function leafPathsOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return prefix ? [prefix.slice(0, -1)] : [];
  return Object.entries(value).flatMap(([key, inner]) => leafPathsOf(inner, `${prefix}${key}.`));
}
