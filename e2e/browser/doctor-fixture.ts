/** The diagnostics fixtures (tests/diagnostics/fixtures) as the browser test uploads them. */
import { join } from "node:path";
import { readTree } from "../../tests/diagnostics/load-fixture";

export function brokenProjectOf(root: string, variants: string[]) {
  const fixtures = join(root, "tests/diagnostics/fixtures");
  const files = new Map(readTree(join(fixtures, "clean")).map((f) => [f.path, f.content]));
  for (const variant of variants) for (const f of readTree(join(fixtures, "broken", variant))) files.set(f.path, f.content);
  return [...files].map(([path, content]) => ({ path, content }));
}
