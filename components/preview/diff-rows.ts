/**
 * A line diff as the preview shows it: added and removed lines with the few
 * lines around them, and each longer unchanged run folded into one row that
 * says how many lines it hides. Pure, so the viewer only draws it.
 */
type LineChange = { value: string; added?: boolean; removed?: boolean };

export type DiffRow = { kind: "added" | "removed" | "same"; text: string; line: number } | { kind: "folded"; count: number; line: number };

/** Unchanged lines kept on each side of a change. */
const CONTEXT_LINES = 3;

const linesOf = (value: string) => value.replace(/\n$/, "").split("\n");

/** `line`: the line's number in the new file (for a removed line, the new line it stood before). */
export function diffRows(changes: readonly LineChange[], context = CONTEXT_LINES): DiffRow[] {
  const rows: DiffRow[] = [];
  let line = 1;
  changes.forEach((change, index) => {
    const lines = linesOf(change.value);
    if (change.added || change.removed) {
      for (const text of lines) {
        rows.push({ kind: change.added ? "added" : "removed", text, line });
        if (change.added) line++;
      }
      return;
    }
    const keepStart = index === 0 ? 0 : context;
    const keepEnd = index === changes.length - 1 ? 0 : context;
    if (lines.length <= keepStart + keepEnd + 1) {
      for (const text of lines) rows.push({ kind: "same", text, line: line++ });
      return;
    }
    for (const text of lines.slice(0, keepStart)) rows.push({ kind: "same", text, line: line++ });
    const hidden = lines.length - keepStart - keepEnd;
    rows.push({ kind: "folded", count: hidden, line });
    line += hidden;
    for (const text of lines.slice(lines.length - keepEnd)) rows.push({ kind: "same", text, line: line++ });
  });
  return rows;
}

/** How many separate changes (runs of added or removed lines) the diff holds. */
export function changeCount(rows: readonly DiffRow[]): number {
  return rows.filter((row, index) => row.kind !== "same" && row.kind !== "folded" && !["added", "removed"].includes(rows[index - 1]?.kind ?? "")).length;
}
