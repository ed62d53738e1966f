/** Matching a pasted error or log against the pattern table. */
import { ERROR_PATTERNS, type ErrorPattern } from "./patterns";

export type ErrorMatch = {
  pattern: ErrorPattern;
  /** The text that matched, as found. */
  excerpt: string;
  /** The first capture, when the pattern names a table, column or statement. */
  subject?: string;
  /** 1-based line of the pasted text where it matched. */
  line: number;
};

/** At most this much of a paste is read: a huge log must not hang the page. */
export const MAX_INPUT = 200_000;

/**
 * Every pattern found in the text, in table order (most specific first). A
 * general pattern is dropped when a more specific one already explains the
 * same line (a 404 that is really "relation does not exist", say).
 */
export function matchError(text: string, patterns: readonly ErrorPattern[] = ERROR_PATTERNS): ErrorMatch[] {
  const input = text.slice(0, MAX_INPUT);
  const matches: ErrorMatch[] = [];
  for (const pattern of patterns) {
    const all = [...input.matchAll(new RegExp(pattern.pattern.source, `${pattern.pattern.flags.replace("g", "")}g`))];
    if (all.length === 0) continue;
    const found = all[0];
    const line = input.slice(0, found.index).split("\n").length;
    if (matches.some((m) => m.line === line && sameFamily(m.pattern, pattern))) continue;
    // The name involved may come from a later, more detailed mention than the first hit.
    const subject = all.find((m) => m[1] !== undefined)?.[1];
    matches.push({ pattern, excerpt: found[0], subject, line });
  }
  return matches;
}

/** Patterns pointing at the same check explain the same failure. */
const sameFamily = (a: ErrorPattern, b: ErrorPattern) => a.check !== undefined && a.check === b.check;
