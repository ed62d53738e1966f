/**
 * How much of a property test runs. `npm test` runs every property in full;
 * `npm run check` sets PROPERTY_SCALE below 1 for a quick inner loop, so each
 * property runs that fraction of its cases (at least one), drawn afresh on
 * every run unless the property fixes its seed.
 */
function scaleFromEnv(): number {
  const text = process.env.PROPERTY_SCALE;
  if (text === undefined || text === "") return 1;
  const scale = Number(text);
  if (!(scale > 0 && scale <= 1)) throw new Error(`PROPERTY_SCALE must be a number in (0, 1], got ${JSON.stringify(text)}`);
  return scale;
}

const PROPERTY_SCALE = scaleFromEnv();

/** The number of cases to run out of the `full` number `npm test` runs. */
export const propertyRuns = (full: number): number => Math.max(1, Math.ceil(full * PROPERTY_SCALE));
