/**
 * Typed dotted paths of the configuration (`session.cookieCache.maxAge`): the
 * keys of the field registry (lib/questions/fields.ts) and of anything else
 * that names one setting, with the one reader and the one writer of a setting
 * by its path. Type-only use of the schema, so this stays zod-free.
 */
import type { Config } from "./schema";

type Leaf = string | number | boolean | readonly unknown[];

type PathsOf<T, Prefix extends string = ""> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends Leaf ? `${Prefix}${K}` : PathsOf<NonNullable<T[K]>, `${Prefix}${K}.`>;
}[keyof T & string];

/** Every setting (leaf) of the configuration, as a dotted path. */
export type ConfigPath = PathsOf<Config>;

type At<T, P extends string> = P extends `${infer Key}.${infer Rest}`
  ? Key extends keyof T
    ? At<NonNullable<T[Key]>, Rest>
    : never
  : P extends keyof T
    ? T[P]
    : never;

/** The type of the setting at `P`. */
export type ValueAt<P extends ConfigPath> = At<Config, P>;

export function getIn<P extends ConfigPath>(config: Config, path: P): ValueAt<P>;
/** Reads any object by a dotted path; undefined where a step is missing. */
export function getIn(object: unknown, path: string): unknown;
export function getIn(object: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], object);
}

export function setIn<P extends ConfigPath>(config: Config, path: P, value: ValueAt<P>): void;
/** Writes any object by a dotted path (a configuration being read from a link, errors by path), creating the groups on the way. */
export function setIn(object: Record<string, unknown>, path: string, value: unknown): void;
export function setIn(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = object;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}
