/** The FastAPI app fixtures, read from disk as an upload would be, with the config each is integrated with. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseConfig, type Config } from "../../lib/config/schema";
import type { AppFile } from "../../lib/integrate";

export const FIXTURES_DIR = join(import.meta.dirname, "../fixtures/existing-apps");

export const INTEGRATING = ["notes-uv", "shop-asyncpg", "inventory-factory", "greeter-environ", "library-psycopg2"] as const;
export type FixtureName = (typeof INTEGRATING)[number] | "not-fastapi" | "fastapi-070";

export function readFixture(name: FixtureName): AppFile[] {
  const root = join(FIXTURES_DIR, name);
  const walk = (dir: string): AppFile[] =>
    readdirSync(dir)
      .sort()
      .flatMap((entry) => {
        const path = join(dir, entry);
        const stat = statSync(path);
        return stat.isDirectory() ? walk(path) : [{ path: relative(root, path), bytes: new Uint8Array(readFileSync(path)), mode: stat.mode & 0o777 }];
      });
  return walk(root);
}

export function fixtureConfig(name: FixtureName): Config {
  let input: unknown = { projectType: "existing" };
  try {
    input = JSON.parse(readFileSync(join(FIXTURES_DIR, "configs", `${name}.json`), "utf8"));
  } catch {
    // Refusal fixtures have no config of their own: the defaults.
  }
  const parsed = parseConfig(input);
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.problems)}`);
  return parsed.config;
}
