import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diffLines } from "diff";
import { changeCount, diffRows } from "../../components/preview/diff-rows";

const numbered = (count: number, from = 1) => Array.from({ length: count }, (_, i) => `line ${from + i}`);
const text = (lines: string[]) => `${lines.join("\n")}\n`;

describe("diffRows", () => {
  it("folds long unchanged runs and keeps three lines of context around a change", () => {
    const before = numbered(30);
    const after = [...before];
    after[14] = "changed";
    const rows = diffRows(diffLines(text(before), text(after)));
    assert.deepEqual(
      rows.map((r) => (r.kind === "folded" ? `… ${r.count}` : `${r.kind} ${r.text}`)),
      ["… 11", "same line 12", "same line 13", "same line 14", "removed line 15", "added changed", "same line 16", "same line 17", "same line 18", "… 12"],
    );
    assert.equal(changeCount(rows), 1);
  });

  it("numbers lines as in the new file", () => {
    const rows = diffRows(diffLines(text(["a", "b", "c"]), text(["a", "x", "b", "c"])));
    assert.deepEqual(
      rows.map((r) => [r.kind, r.line]),
      [
        ["same", 1],
        ["added", 2],
        ["same", 3],
        ["same", 4],
      ],
    );
  });

  it("counts separate changes", () => {
    const before = numbered(40);
    const after = before.map((line, i) => (i === 3 || i === 30 ? `${line}!` : line));
    assert.equal(changeCount(diffRows(diffLines(text(before), text(after)))), 2);
  });
});
