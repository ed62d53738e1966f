/**
 * Matching a pasted error or log against the pattern table: the whole paste,
 * in time linear in its length (each pattern's quantifiers are bounded, and a
 * sequence's parts are searched forward only, each part's next occurrence
 * reused rather than searched again).
 */
import { ERROR_PATTERNS, type ErrorPattern, type Sequence } from "./patterns";

export type ErrorMatch = {
  pattern: ErrorPattern;
  /** The text that matched, as found. */
  excerpt: string;
  /** The first capture, when the pattern names a table, column or statement. */
  subject?: string;
  /** 1-based line of the pasted text where it matched. */
  line: number;
};

type Found = { index: number; end: number; subject?: string };

const globalCopy = (re: RegExp) => new RegExp(re.source, `${re.flags.replace("g", "")}g`);

/** The next occurrence of one expression at or after a position, remembered while positions only grow. */
function occurrences(text: string, re: RegExp): (from: number) => RegExpExecArray | null {
  const search = globalCopy(re);
  let last: RegExpExecArray | null = null;
  let exhausted = false;
  return (from) => {
    if (last && last.index >= from) return last;
    if (exhausted) return null;
    search.lastIndex = from;
    last = search.exec(text);
    exhausted = last === null;
    return last;
  };
}

/** The first place where every part of the sequence occurs, in order, on one line. */
function firstSequence(text: string, parts: Sequence): Found | undefined {
  const next = parts.map((part) => occurrences(text, part));
  for (let from = 0; ;) {
    const first = next[0](from);
    if (!first) return undefined;
    const newline = text.indexOf("\n", first.index);
    const lineEnd = newline < 0 ? text.length : newline;
    let end = first.index + first[0].length;
    let complete = true;
    for (const find of next.slice(1)) {
      const match = find(end);
      if (!match || match.index >= lineEnd) {
        complete = false;
        break;
      }
      end = match.index + match[0].length;
    }
    if (complete) return { index: first.index, end, subject: first[1] };
    from = lineEnd + 1;
  }
}

function firstMatch(text: string, pattern: ErrorPattern["pattern"]): Found | undefined {
  if (pattern instanceof RegExp) {
    let found: Found | undefined;
    // The name involved may come from a later, more detailed mention than the first hit.
    for (const m of text.matchAll(globalCopy(pattern))) {
      found ??= { index: m.index, end: m.index + m[0].length };
      if (m[1] !== undefined) return { ...found, subject: m[1] };
    }
    return found;
  }
  const all = pattern.map((sequence) => firstSequence(text, sequence)).filter((f): f is Found => f !== undefined);
  return all.sort((a, b) => a.index - b.index)[0];
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * Every pattern found in the text, in table order (most specific first). A
 * general pattern is dropped when a more specific one already explains the
 * same line (a 404 that is really "relation does not exist", say).
 */
export function matchError(text: string, patterns: readonly ErrorPattern[] = ERROR_PATTERNS): ErrorMatch[] {
  const matches: ErrorMatch[] = [];
  for (const pattern of patterns) {
    const found = firstMatch(text, pattern.pattern);
    if (!found) continue;
    const line = lineOf(text, found.index);
    if (matches.some((m) => m.line === line && sameFamily(m.pattern, pattern))) continue;
    matches.push({ pattern, excerpt: text.slice(found.index, found.end), subject: found.subject, line });
  }
  return matches;
}

/** Patterns pointing at the same check explain the same failure. */
const sameFamily = (a: ErrorPattern, b: ErrorPattern) => a.check !== undefined && a.check === b.check;
