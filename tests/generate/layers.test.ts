import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LAYERS, TEMPLATE_AXES } from "../../lib/generate/layers";
import { TEMPLATES } from "../../lib/generate/templates.generated";

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
    const orphans = Object.keys(TEMPLATES).filter((path) => ![...layerDirs].some((dir) => path.startsWith(`${dir}/`)));
    assert.deepEqual(orphans, []);
  });
});
