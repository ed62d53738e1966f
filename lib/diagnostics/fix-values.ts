/**
 * Values a fix writes, held to the generator's own rules: an origin must be an
 * origin and must survive the generator's `.env` encoder, a Python or
 * TypeScript literal is built by the generator's encoders. A value found in a
 * project that fails is left out of the fix (and named in the finding), never
 * written as it came.
 */
import { isOrigin } from "../config/schema";
import { envValue } from "../generate/encode";

/** The value as the `.env` encoder writes it, or undefined when it refuses it. */
export function envEncoded(value: string): string | undefined {
  try {
    return envValue(value);
  } catch {
    return undefined;
  }
}

/** Origins a fix may write to a `.env` line, and the ones it must leave out. */
export function writableOrigins(origins: readonly string[]): { kept: string[]; refused: string[] } {
  const kept: string[] = [];
  const refused: string[] = [];
  for (const origin of origins) (isOrigin(origin) && envEncoded(origin) !== undefined ? kept : refused).push(origin);
  return { kept, refused };
}

/** "not origins, left out of the fix: …" for a finding's message, or "" when nothing was left out. */
export function refusedNote(refused: readonly string[]): string {
  return refused.length ? `; not origins, left out of the fix: ${refused.map((o) => JSON.stringify(o)).join(", ")}` : "";
}
