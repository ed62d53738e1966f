/**
 * No parser of untrusted text has a super-linear worst case: every parser
 * runs on generated pathological inputs (long runs of each character class,
 * long repetitions of fragments that start a match and never finish it, and
 * mixes of both) of 100,000 characters, under a generous hang guard: a
 * quadratic step at that size takes minutes, a linear one milliseconds.
 * `npm run bench:text` prints the growth with size up to 10 MB. Under
 * PROPERTY_SCALE each parser meets a fresh random sample of the inputs, and a
 * random sample of the unclosed-block runs is made, still at full size, so a
 * quadratic step still shows as a hang when it is drawn.
 */
import { describe, it } from "node:test";
import fc from "fast-check";
import { ERROR_PATTERNS } from "../../lib/troubleshoot/patterns";
import assert from "node:assert/strict";
import { LIMITS } from "../../lib/doctor/limits";
import { CHARACTER_CLASSES, FRAGMENTS, pathologicalInputs, repeatTo, UNCLOSED_OPENERS } from "./pathological-text";
import { TEXT_PARSERS } from "./text-parsers";
import { propertyRuns } from "../support/property-runs";

const SIZE = 100_000;
const HANG_GUARD = { timeout: 240_000 };
const INPUTS = pathologicalInputs(SIZE);

/** `count` of the items, drawn at random, or all of them. */
function sampleOf<T>(items: readonly T[], count: number): readonly T[] {
  if (count >= items.length) return items;
  const [sample] = fc.sample(fc.shuffledSubarray([...items], { minLength: count, maxLength: count }), 1);
  return sample;
}

/** Quantifiers without an upper bound, outside character classes and escapes. */
function unboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "*" || c === "+") found.push(`${c} at ${i}`);
    else if (c === "{" && /^\{\d+,\}/.test(source.slice(i))) found.push(`{n,} at ${i}`);
  }
  return found;
}

describe("text processing is linear", () => {
  it("every troubleshooter pattern has only bounded quantifiers", () => {
    for (const p of ERROR_PATTERNS) {
      for (const re of p.pattern instanceof RegExp ? [p.pattern] : p.pattern.flat())
        assert.deepEqual(unboundedQuantifiers(re.source), [], `${p.id}: ${re.source}`);
    }
  });

  const count = propertyRuns(INPUTS.length);
  for (const parser of TEXT_PARSERS) {
    it(`${parser.name} on ${count} of ${INPUTS.length} pathological inputs of ${SIZE.toLocaleString("en")} characters`, HANG_GUARD, () => {
      for (const input of sampleOf(INPUTS, count)) parser.run(input.text);
    });
  }

  // At the largest file the doctor checks, a scan to the end of the file from each unclosed opener takes hours.
  // Under PROPERTY_SCALE a random sample of the (opener, parser) pairs runs, still at full size.
  const unclosedPairs = UNCLOSED_OPENERS.flatMap((opener) => TEXT_PARSERS.map((parser) => ({ opener, parser })));
  const pairCount = propertyRuns(unclosedPairs.length);
  it(
    `${pairCount} of ${unclosedPairs.length} (opener, parser) pairs on ${LIMITS.maxFileBytes.toLocaleString("en")} characters of blocks that never close`,
    HANG_GUARD,
    () => {
      for (const { opener, parser } of sampleOf(unclosedPairs, pairCount)) parser.run(repeatTo(opener, LIMITS.maxFileBytes));
    },
  );

  it("every parser on generated mixes of runs and fragments", HANG_GUARD, () => {
    const piece = fc.oneof(
      fc.constantFrom(...FRAGMENTS),
      fc.constantFrom(...CHARACTER_CLASSES).map((c) => c.repeat(50)),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 4 }), (pieces) => {
        const text = repeatTo(pieces.join(""), 50_000);
        for (const parser of TEXT_PARSERS) parser.run(text);
      }),
      { numRuns: propertyRuns(25) },
    );
  });
});
