/**
 * Time against input size for every parser of untrusted text, on its worst
 * pathological input (found at a small size), up to 10 MB: linear growth shows
 * as a constant time per megabyte down each column.
 *
 *   npm run bench:text [-- --max-mb 10]
 */
import { parseArgs } from "node:util";
import { pathologicalInputs } from "../tests/property/pathological-text";
import { TEXT_PARSERS } from "../tests/property/text-parsers";

const { values } = parseArgs({ options: { "max-mb": { type: "string", default: "10" } } });
const maxBytes = Number(values["max-mb"]) * 1024 * 1024;
const SIZES = [100_000, 1_000_000, 2_500_000, 5_000_000, 10 * 1024 * 1024].filter((s) => s <= maxBytes);

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

console.log(`${"parser".padEnd(44)} ${"worst input".padEnd(34)} ${SIZES.map((s) => `${(s / 1e6).toFixed(1)} MB`.padStart(16)).join("")}`);
for (const parser of TEXT_PARSERS) {
  const probes = pathologicalInputs(20_000).map((input, index) => ({ index, name: input.name, ms: timed(() => parser.run(input.text)) }));
  const worst = probes.sort((a, b) => b.ms - a.ms)[0];
  const cells = SIZES.map((size) => {
    const text = pathologicalInputs(size)[worst.index].text;
    const ms = timed(() => parser.run(text));
    return `${ms.toFixed(0)} ms (${(ms / (size / 1e6)).toFixed(0)}/MB)`.padStart(16);
  });
  console.log(`${parser.name.padEnd(44)} ${worst.name.slice(0, 34).padEnd(34)} ${cells.join("")}`);
}
