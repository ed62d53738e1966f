"use client";
/** A unified diff per changed file (the diff library is loaded when there is something to show). */
import { useEffect, useState } from "react";
import type { ProjectFile } from "@/lib/diagnostics";
import { UnifiedDiff } from "../preview/UnifiedDiff";

type Props = { before: readonly ProjectFile[]; after: readonly ProjectFile[]; changed: readonly string[] };

export function FileDiffs({ before, after, changed }: Props) {
  const [patches, setPatches] = useState<{ path: string; text: string }[]>([]);

  useEffect(() => {
    let current = true;
    void import("diff").then(({ createTwoFilesPatch }) => {
      if (!current) return;
      const content = (files: readonly ProjectFile[], path: string) => files.find((f) => f.path === path)?.content ?? "";
      setPatches(changed.map((path) => ({ path, text: createTwoFilesPatch(path, path, content(before, path), content(after, path), "", "", { context: 3 }) })));
    });
    return () => {
      current = false;
    };
  }, [before, after, changed]);

  return (
    <div className="space-y-3" data-testid="doctor-diffs">
      {patches.map((patch) => (
        <details key={patch.path} open>
          <summary className="font-mono text-sm">{patch.path}</summary>
          <UnifiedDiff path={patch.path} text={patch.text} />
        </details>
      ))}
    </div>
  );
}
