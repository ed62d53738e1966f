import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_CONFIG } from "../../lib/config/schema";
import { frontFor } from "../../lib/pipeline/policy";
import { firstFile } from "../../lib/worker/first-file";
import { configView, newProjectView } from "../../lib/worker/project-view";
import { defaultPreviewSnapshot } from "../../lib/worker/snapshot";

describe("the page's snapshot of the default project", () => {
  const snapshot = defaultPreviewSnapshot();
  const front = frontFor();
  const rendered = { ...newProjectView(DEFAULT_CONFIG, front), ...configView(DEFAULT_CONFIG, front) };

  it("is what the worker's first render of the defaults shows, but for the contents it leaves out", () => {
    assert.deepEqual(
      snapshot.paths,
      rendered.files.map((file) => file.path),
    );
    assert.deepEqual(snapshot.diagnostics, rendered.diagnostics);
    assert.deepEqual(
      { permalink: snapshot.permalink, projectName: snapshot.projectName, settings: snapshot.settings, resolved: snapshot.resolved },
      { permalink: rendered.permalink, projectName: rendered.projectName, settings: rendered.settings, resolved: rendered.resolved },
    );
  });

  it("carries the content of the file shown first, and of no other", () => {
    const shown = firstFile(snapshot.paths);
    assert.equal(shown, "auth-server/src/auth/auth.config.ts");
    assert.deepEqual(
      snapshot.files,
      rendered.files.filter((file) => file.path === shown),
    );
  });

  it("answers the first load as the worker does without a link, a saved copy or a policy", () => {
    assert.deepEqual(snapshot.load, {
      config: DEFAULT_CONFIG,
      notices: [],
      source: "defaults",
      policy: null,
      presets: front.presets.map(({ id, title, description }) => ({ id, title, description })),
    });
  });
});
