/** Reading and writing a setting by its dotted path (`session.cookieCache.maxAge`). */

export function getPath(object: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], object);
}

export function setPath(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = object;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}
