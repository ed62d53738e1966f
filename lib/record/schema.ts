/**
 * sidecar.json: the record every generated project carries, so the project can
 * be regenerated (its config and permalink) and judged (the diagnostics run on
 * it). One versioned schema, exported as JSON Schema in
 * lib/record/sidecar.schema.json for anyone who reads the file outside Sidecar
 * (`npm run record-schema` writes it; a test keeps it equal to this one).
 *
 * Extending it: a feature that records more (an integration into an existing
 * app, an organization policy) adds one optional section to RECORD_SECTIONS,
 * with its own zod schema, and passes its value to buildRecord. Records
 * without the section stay valid, so SIDECAR_RECORD_VERSION changes only when
 * a core field changes meaning or is removed.
 */
import { z } from "zod";
import { configSchema } from "../config/schema";

export const SIDECAR_RECORD_VERSION = 1;

const finding = z.object({ file: z.string(), line: z.int().min(1), message: z.string() });

const diagnostics = z
  .strictObject({
    summary: z.array(z.string()).describe("The report in the doctor's text form, one line per entry"),
    counts: z.strictObject({ pass: z.int(), fixed: z.int(), warning: z.int(), error: z.int(), notApplicable: z.int() }),
    checks: z.array(
      z.strictObject({
        id: z.string(),
        title: z.string(),
        status: z.enum(["pass", "fixed", "warning", "error", "not-applicable"]),
        findings: z.array(finding),
      }),
    ),
  })
  .describe("The diagnostics run on the generated files");

/** Optional sections, one per feature that records something of its own. */
export const RECORD_SECTIONS = {
  policy: z
    .strictObject({
      name: z.string(),
      hash: z
        .string()
        .regex(/^sha256:[0-9a-f]{64}$/)
        .describe("SHA-256 of the policy's canonical JSON"),
    })
    .describe("The organization policy the project was generated under"),
} satisfies Record<string, z.ZodType>;

export type RecordSections = { [Name in keyof typeof RECORD_SECTIONS]?: z.output<(typeof RECORD_SECTIONS)[Name]> };

type Sections = typeof RECORD_SECTIONS;
const optionalSections = Object.fromEntries(
  Object.entries(RECORD_SECTIONS as Record<string, z.ZodType>).map(([name, schema]) => [name, schema.optional()]),
) as { [Name in keyof Sections]: z.ZodOptional<Sections[Name]> };

export const sidecarRecordSchema = z
  .strictObject({
    recordVersion: z.literal(SIDECAR_RECORD_VERSION).describe("Version of this record's format"),
    generator: z.literal("sidecar"),
    version: z.string().describe("Version of Sidecar that generated the project"),
    config: configSchema.describe("The configuration, every default filled in: what regenerates the same project"),
    permalink: z.string().describe("The query string of the wizard's address (/?<permalink>) and of GET /api/generate"),
    diagnostics,
    ...optionalSections,
  })
  .describe("sidecar.json: how a Sidecar project was generated and what its diagnostics found");

export type SidecarRecord = z.output<typeof sidecarRecordSchema>;

/** The JSON Schema of sidecar.json, as committed in lib/record/sidecar.schema.json. */
export function recordJsonSchema(): string {
  const schema = z.toJSONSchema(sidecarRecordSchema, { io: "output", unrepresentable: "any" });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
