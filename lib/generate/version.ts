/** Recorded in every generated project's sidecar.json; kept equal to package.json's version by a test. */
export const GENERATOR_VERSION = "0.1.0";
