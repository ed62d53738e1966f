/**
 * Links stay true: a permalink leaves out every setting at its default, so it
 * must be read against the defaults of its own version. old-links.json holds
 * links as they were made, each with the full configuration it stood for when
 * made; entries are only ever added, never regenerated.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { configSchema, DEFAULT_CONFIG, type Config } from "../../lib/config/schema";
import { decodePermalink, PERMALINK_VERSION } from "../../lib/permalink";
import { LINK_DEFAULTS } from "../../lib/permalink/defaults";
import { buildProject } from "../../lib/pipeline";

const RECORDED = JSON.parse(readFileSync(new URL("./old-links.json", import.meta.url), "utf8")) as { link: string; config: Config }[];
/**
 * A setting added after a link was made is absent from its recorded config and
 * reads as its default, which must be what projects were before the setting
 * existed (docs.layout: "standard"); every setting the record holds must
 * decode exactly as recorded.
 */
const OLD_LINKS = RECORDED.map(({ link, config }) => ({ link, config: configSchema.parse(config) }));

describe("old links", () => {
  it("still stand for the configuration they were made for", () => {
    assert.ok(OLD_LINKS.length >= 5);
    for (const { link, config } of OLD_LINKS) {
      const decoded = decodePermalink(link);
      assert.deepEqual(decoded.notices, [], link);
      assert.deepEqual(decoded.config, config, link);
    }
  });

  it("regenerate the project their sidecar.json records", () => {
    for (const { link, config } of OLD_LINKS.slice(0, 3)) {
      const record = JSON.parse(buildProject(decodePermalink(link).config).files.find((f) => f.path === "sidecar.json")!.content);
      assert.deepEqual(record.config, config, link);
    }
  });

  it("require a new link version when a default changes: the current version's defaults are the schema's", () => {
    assert.deepEqual(
      LINK_DEFAULTS[PERMALINK_VERSION],
      DEFAULT_CONFIG,
      "a default changed: add a new PERMALINK_VERSION with these defaults to lib/permalink/defaults.ts and leave the old entries as they are",
    );
  });

  it("are read against their own version's defaults, not today's", () => {
    const today = LINK_DEFAULTS[PERMALINK_VERSION];
    const then: Config = { ...today, database: { host: "supabase" }, stack: { ...today.stack, framework: "express" } };
    const defaults = { [PERMALINK_VERSION - 1 || 0]: then, [PERMALINK_VERSION]: today };
    const old = decodePermalink(`v=${PERMALINK_VERSION - 1 || 0}&sv=database`, { linkDefaults: defaults });
    assert.deepEqual(old.notices, []);
    assert.equal(old.config.database.host, "supabase");
    assert.equal(old.config.stack.framework, "express");
    assert.equal(old.config.session.validationMethod, "database");
    const current = decodePermalink(`v=${PERMALINK_VERSION}&sv=database`, { linkDefaults: defaults });
    assert.equal(current.config.database.host, today.database.host);
  });

  it("fall back to their own version's default when a value is refused", () => {
    const today = LINK_DEFAULTS[PERMALINK_VERSION];
    const then: Config = { ...today, rateLimit: { ...today.rateLimit, max: 50 } };
    const decoded = decodePermalink("v=0&rm=0", { linkDefaults: { 0: then, [PERMALINK_VERSION]: today } });
    assert.equal(decoded.config.rateLimit.max, 50);
    assert.match(decoded.notices[0]?.message ?? "", /50 was used/);
  });

  it("of a version that has no defaults are refused, not read against today's", () => {
    const decoded = decodePermalink("v=99&db=supabase");
    assert.equal(decoded.config, DEFAULT_CONFIG);
    assert.equal(decoded.notices[0]?.field, "version");
  });
});
