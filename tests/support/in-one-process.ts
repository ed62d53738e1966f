/**
 * Loads the test files named on the command line into this one process, so
 * they share one start-up and one load of the modules they test instead of
 * paying for a process each. `npm run check` runs two of these side by side.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

for (const file of process.argv.slice(2)) await import(pathToFileURL(resolve(file)).href);
