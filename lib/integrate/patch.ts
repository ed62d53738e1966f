/** sidecar.patch: the whole change as one git-style unified diff, applied with `git apply` inside the app's folder. */
import type { FileChange } from "./types";

export function unifiedPatch(changes: readonly FileChange[]): string {
  return changes.map((c) => `diff --git a/${c.path} b/${c.path}\n${c.kind === "added" ? "new file mode 100644\n" : ""}${c.diff}`).join("");
}
