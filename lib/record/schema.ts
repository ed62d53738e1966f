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

const appPath = z.string().describe("A path relative to the uploaded app's root folder");

const integration = z
  .strictObject({
    app: z.string().describe("The uvicorn import string of the app: `package.module:app`, or `package.module:factory` with --factory"),
    factory: z.string().nullable().describe("The function that builds the app, or null for a module-level app object"),
    appDir: z.string().nullable().describe("uvicorn's --app-dir: where imports start (`src` for a src layout), or null for the app's root"),
    meRoute: z.string().describe("The added route that answers the signed-in user, e.g. /api/v1/me"),
    module: appPath.describe("The added auth module, e.g. app/sidecar_auth.py"),
    changedFiles: z.array(appPath).describe("The app's existing files the change edits"),
    addedFiles: z.array(appPath).describe("The files the change adds to the app"),
    requirementsAdded: z.array(z.string()).describe("Distribution names written into the app's dependency file"),
    authTables: z
      .strictObject({
        user: z.string(),
        session: z.string(),
        account: z.string(),
        verification: z.string(),
        jwks: z.string(),
        rateLimit: z.string(),
      })
      .describe("The table each better-auth model is stored in (renamed when the app already has one of its names)"),
    uploadDigest: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/)
      .describe("SHA-256 over the upload's files sorted by path, each as path, NUL, length in decimal, NUL, bytes"),
    env: z
      .array(
        z.strictObject({
          name: z.string(),
          service: z.enum(["auth-server", "backend"]),
          required: z.boolean(),
          description: z.string(),
        }),
      )
      .describe("The environment variables both services read"),
    findings: z
      .array(z.strictObject({ kind: z.string(), file: appPath, line: z.int().min(1), message: z.string() }))
      .describe("What discovery found in the app, each with its file and line"),
  })
  .describe("The change that added authentication to an existing FastAPI app (the patched app is backend/, the diff sidecar.patch)");

/** Optional sections, one per feature that records something of its own. */
const RECORD_SECTIONS = {
  policy: z
    .strictObject({
      name: z.string(),
      hash: z
        .string()
        .regex(/^sha256:[0-9a-f]{64}$/)
        .describe("SHA-256 of the policy's canonical JSON"),
    })
    .describe("The organization policy the project was generated under"),
  integration,
} satisfies Record<string, z.ZodType>;

export type RecordSections = { [Name in keyof typeof RECORD_SECTIONS]?: z.output<(typeof RECORD_SECTIONS)[Name]> };

type Sections = typeof RECORD_SECTIONS;
const optionalSections = Object.fromEntries(
  Object.entries(RECORD_SECTIONS as Record<string, z.ZodType>).map(([name, schema]) => [name, schema.optional()]),
) as { [Name in keyof Sections]: z.ZodOptional<Sections[Name]> };

const sidecarRecordSchema = z
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
