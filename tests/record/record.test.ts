import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { z } from "zod";
import { DEFAULT_CONFIG } from "../../lib/config/schema";
import { e2eConfigs } from "../../e2e/generated/configs";
import { buildProject } from "../../lib/pipeline";
import { RECORD_PATH } from "../../lib/record";
import { recordJsonSchema } from "../../lib/record/schema";

const COMMITTED = new URL("../../lib/record/sidecar.schema.json", import.meta.url);
const committed = readFileSync(COMMITTED, "utf8");
/** A validator built from the committed JSON Schema itself, not from the zod schema it came from. */
const fromJsonSchema = z.fromJSONSchema(JSON.parse(committed));

const recordOf = (files: { path: string; content: string }[]) => JSON.parse(files.find((f) => f.path === RECORD_PATH)!.content);

describe("sidecar.json", () => {
  it("has a committed JSON Schema equal to the one generated from its zod schema (npm run record-schema)", () => {
    assert.equal(committed, recordJsonSchema());
  });

  it("validates against the committed JSON Schema for every config of the end-to-end set", () => {
    for (const config of [DEFAULT_CONFIG, ...e2eConfigs()]) {
      const result = fromJsonSchema.safeParse(recordOf(buildProject(config).files));
      assert.ok(result.success, `${config.projectName}: ${result.error?.message}`);
    }
  });

  it("is refused by the JSON Schema when a core field is missing or a section is not declared", () => {
    const record = recordOf(buildProject(DEFAULT_CONFIG).files);
    const { permalink: _dropped, ...withoutPermalink } = record;
    assert.equal(fromJsonSchema.safeParse(withoutPermalink).success, false);
    assert.equal(fromJsonSchema.safeParse({ ...record, undeclared: {} }).success, false);
    assert.equal(fromJsonSchema.safeParse({ ...record, recordVersion: 2 }).success, false);
    assert.equal(fromJsonSchema.safeParse({ ...record, config: { ...record.config, stack: { framework: "koa", orm: "pg" } } }).success, false);
  });

  it("records the organization policy it was generated under, and refuses a malformed one", () => {
    const policy = { name: "Acme platform team", hash: `sha256:${"ab".repeat(32)}` };
    const record = recordOf(buildProject(DEFAULT_CONFIG, { policy }).files);
    assert.deepEqual(record.policy, policy);
    assert.ok(fromJsonSchema.safeParse(record).success);
    assert.equal(fromJsonSchema.safeParse({ ...record, policy: { name: "x", hash: "md5:1" } }).success, false);
    assert.equal(recordOf(buildProject(DEFAULT_CONFIG).files).policy, undefined);
  });

  it("is written by the pipeline only: the generator's own files hold no record", async () => {
    const { generateProject } = await import("../../lib/generate");
    assert.ok(!generateProject(DEFAULT_CONFIG).some((f) => f.path === RECORD_PATH));
  });
});

describe("layers", () => {
  it("keep the generator free of what follows it: no diagnostics, permalink or wizard wording", () => {
    const sources = [
      "index.ts",
      "layers.ts",
      "render.ts",
      "encode.ts",
      "view-model/index.ts",
      "view-model/auth-server.ts",
      "view-model/backend.ts",
      "view-model/project.ts",
      "view-model/prisma-schema.ts",
    ];
    for (const source of sources) {
      const text = readFileSync(new URL(`../../lib/generate/${source}`, import.meta.url), "utf8");
      assert.doesNotMatch(text, /from "\.\.\/(\.\.\/)?(diagnostics|permalink|questions|record|pipeline)\b/, source);
    }
  });
});
