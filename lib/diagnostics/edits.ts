/**
 * Fixes as text edits: a check records, with each finding, the replacement
 * that resolves it; `applyEdits` applies them per file from the end backwards
 * so earlier offsets stay valid, skipping any edit that overlaps another.
 */
import { fileAt } from "./project";
import type { Config } from "../config/schema";
import type { Check, Finding, ProjectFile } from "./types";

export type Edit = { path: string; start: number; end: number; text: string };
export type Issue = Finding & { edits?: Edit[] };

const findingsOf = (issues: readonly Issue[]): Finding[] => issues.map(({ file, line, message }) => ({ file, line, message }));

export function applyEdits(files: readonly ProjectFile[], edits: readonly Edit[]): ProjectFile[] {
  const byPath = new Map<string, Edit[]>();
  for (const edit of edits) byPath.set(edit.path, [...(byPath.get(edit.path) ?? []), edit]);
  const changed: ProjectFile[] = [];
  for (const [path, list] of byPath) {
    const file = fileAt(files, path);
    let content = file?.content ?? "";
    let floor = Infinity;
    const unique = list.filter((e, i) => list.findIndex((o) => o.start === e.start && o.end === e.end && o.text === e.text) === i);
    for (const edit of unique.sort((a, b) => b.start - a.start || b.end - a.end)) {
      if (edit.end > floor) continue;
      content = content.slice(0, edit.start) + edit.text + content.slice(edit.end);
      floor = edit.start;
    }
    if (content !== file?.content) changed.push({ path, content });
  }
  return changed;
}

const editsOf = (issues: readonly Issue[]): Edit[] => issues.flatMap((i) => i.edits ?? []);

/** Replaces line `line` (1-based) of a file with `text`. */
export function lineEdit(file: ProjectFile, line: number, text: string): Edit {
  const lines = file.content.split("\n");
  const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
  return { path: file.path, start, end: start + lines[line - 1].length, text };
}

type Analyse = (files: readonly ProjectFile[], config?: Config) => Issue[];

/**
 * A check's `check` and `fix` from one analysis: both ask the same question of
 * the same files, so the analysis runs once per file list and config, and the
 * fix applies exactly the edits the findings carry.
 */
export function fromAnalysis(analyse: Analyse): Pick<Check, "check" | "fix"> {
  const runs = new WeakMap<readonly ProjectFile[], { config?: Config; issues: Issue[] }>();
  const issuesOf = (files: readonly ProjectFile[], config?: Config) => {
    const known = runs.get(files);
    if (known && known.config === config) return known.issues;
    const issues = analyse(files, config);
    runs.set(files, { config, issues });
    return issues;
  };
  return {
    check: (files, config) => findingsOf(issuesOf(files, config)),
    fix: (files, config) => applyEdits(files, editsOf(issuesOf(files, config))),
  };
}
