// Writes lib/record/sidecar.schema.json, the JSON Schema of sidecar.json, from
// its zod schema (lib/record/schema.ts). tests/record keeps the two equal.
import { writeFileSync } from "node:fs";
import { recordJsonSchema } from "../lib/record/schema";

const out = new URL("../lib/record/sidecar.schema.json", import.meta.url);
writeFileSync(out, recordJsonSchema());
console.log(`wrote ${out.pathname}`);
