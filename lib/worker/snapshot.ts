/**
 * The default project's preview, computed on the server when the page is
 * built: the file list, the first file shown, the diagnostics and what the
 * worker's first load would answer. The page paints it at once and starts the
 * worker (with the generator, about half of the page's JavaScript) only when
 * it is needed: a link, a saved configuration, an organization policy or the
 * user's first interaction.
 */
import { frontFor } from "../pipeline/policy";
import { firstFile } from "./first-file";
import { configView, newProjectView, presetSummaries } from "./project-view";
import type { PreviewSnapshot } from "./protocol";

export function defaultPreviewSnapshot(): PreviewSnapshot {
  const front = frontFor();
  const config = front.start;
  const { files, diagnostics } = newProjectView(config, front);
  const paths = files.map((file) => file.path);
  const shown = firstFile(paths);
  return {
    ...configView(config, front),
    diagnostics,
    paths,
    files: files.filter((file) => file.path === shown),
    load: { config, notices: [], source: "defaults", policy: null, presets: presetSummaries(front) },
  };
}
