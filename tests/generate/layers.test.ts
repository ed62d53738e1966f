import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LAYERS, TEMPLATE_AXES } from "../../lib/generate/layers";
import { TEMPLATES } from "../../lib/generate/templates.generated";
import { INTEGRATION_TEMPLATES } from "../../lib/integrate/plan";
import { PROMPT_HISTORY_TEMPLATES } from "../../lib/record/prompt-history";

const templateDirs = new Set(Object.keys(TEMPLATES).map((path) => path.split("/").slice(0, 2).join("/")));

describe("template layers", () => {
  it("give every value of every template axis its own folder, and no folder to a value the config lacks", () => {
    for (const [axis, { values }] of Object.entries(TEMPLATE_AXES)) {
      const folders = [...templateDirs].filter((dir) => dir.startsWith(`${axis}/`)).map((dir) => dir.slice(axis.length + 1));
      assert.deepEqual(folders.sort(), [...values].sort(), `templates/${axis}/ against the config's ${axis} values`);
    }
  });

  it("cover every template folder", () => {
    const layerDirs = new Set(LAYERS.map((layer) => layer.dir));
    // The integration's templates are rendered by integrateApp for an existing app, and the
    // prompt history records after the diagnostics: neither is a layer.
    const orphans = Object.keys(TEMPLATES).filter(
      (path) =>
        !path.startsWith(INTEGRATION_TEMPLATES) && !path.startsWith(PROMPT_HISTORY_TEMPLATES) && ![...layerDirs].some((dir) => path.startsWith(`${dir}/`)),
    );
    assert.deepEqual(orphans, []);
  });

  it("let every value of an axis supply the same partials, so a new value cannot leave one out", () => {
    for (const [axis, { values }] of Object.entries(TEMPLATE_AXES)) {
      const partialsOf = (value: string) =>
        Object.keys(TEMPLATES)
          .filter((path) => path.startsWith(`${axis}/${value}/partials/`))
          .map((path) => path.slice(`${axis}/${value}/partials/`.length))
          .sort();
      for (const value of values) assert.deepEqual(partialsOf(value), partialsOf(values[0]), `templates/${axis}/${value}/partials/`);
    }
    assert.ok(Object.keys(TEMPLATES).includes("framework/hono/partials/troubleshooting-route-causes.md"));
  });
});
