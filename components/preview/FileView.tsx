"use client";
/**
 * One generated file: highlighted (the highlighter is loaded on first use),
 * with copy and download, and, when the last edit changed it, a line diff
 * against the previous version (the diff library is loaded on demand too).
 */
import { useEffect, useState, type ReactNode } from "react";
import type { Token } from "./highlight";

type Props = { path: string; content: string; previous?: string; isNew: boolean };

export function FileView({ path, content, previous, isNew }: Props) {
  const [showDiff, setShowDiff] = useState(false);
  const [status, setStatus] = useState("");
  const canDiff = previous !== undefined && previous !== content;

  async function copy() {
    try {
      await navigator.clipboard.writeText(content);
      setStatus("Copied");
    } catch {
      setStatus("Copying is not allowed here; select the text instead");
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([content], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = path.slice(path.lastIndexOf("/") + 1);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const button = "rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";
  return (
    <div className="flex min-h-0 flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 pb-2 dark:border-slate-800">
        <h3 className="mr-auto break-all font-mono text-sm font-semibold" data-testid="selected-file">
          {path}
          {isNew && <span className="ml-2 font-sans text-xs font-normal">(new with the last edit)</span>}
        </h3>
        {canDiff && (
          <button type="button" className={button} aria-pressed={showDiff} onClick={() => setShowDiff(!showDiff)}>
            {showDiff ? "Show file" : "Show changes"}
          </button>
        )}
        <button type="button" className={button} onClick={copy}>
          Copy
        </button>
        <button type="button" className={button} onClick={download}>
          Download file
        </button>
        <span role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {status}
        </span>
      </div>
      {showDiff && canDiff ? <Diff before={previous} after={content} /> : <Highlighted path={path} content={content} />}
    </div>
  );
}

const preClass = "mt-2 max-h-[70vh] overflow-auto rounded-md bg-slate-50 p-3 text-xs leading-5 dark:bg-slate-900";

function Highlighted({ path, content }: { path: string; content: string }) {
  const [tokens, setTokens] = useState<{ for: string; tokens: Token[] | undefined } | null>(null);
  useEffect(() => {
    let current = true;
    void import("./highlight").then(async ({ tokenize }) => {
      const tokens = await tokenize(path, content);
      if (current) setTokens({ for: content, tokens });
    });
    return () => {
      current = false;
    };
  }, [path, content]);
  const ready = tokens?.for === content && tokens.tokens;
  return (
    // tabIndex: a scrollable region must be reachable by keyboard.
    <pre className={preClass} tabIndex={0} aria-label={`Content of ${path}`} data-highlighted={ready ? "true" : "false"}>
      <code>{ready ? renderTokens(tokens.tokens!) : content}</code>
    </pre>
  );
}

function renderTokens(tokens: Token[]): ReactNode[] {
  return tokens.map((token, index) =>
    typeof token === "string" ? (
      token
    ) : (
      <span key={index} className={`tok-${token.type}`}>
        {renderTokens(token.content)}
      </span>
    ),
  );
}

type Change = { value: string; added?: boolean; removed?: boolean };

function Diff({ before, after }: { before: string; after: string }) {
  const [changes, setChanges] = useState<Change[] | null>(null);
  useEffect(() => {
    let current = true;
    void import("diff").then(({ diffLines }) => {
      if (current) setChanges(diffLines(before, after));
    });
    return () => {
      current = false;
    };
  }, [before, after]);
  if (!changes) return <p className="mt-2 text-sm">Comparing…</p>;
  return (
    <pre className={preClass} tabIndex={0} aria-label="Changes since the previous version" data-testid="diff">
      <code>
        {changes.map((change, index) => {
          const sign = change.added ? "+" : change.removed ? "-" : " ";
          const style = change.added
            ? "block bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200"
            : change.removed
              ? "block bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200"
              : "block text-slate-600 dark:text-slate-400";
          const lines = change.value.replace(/\n$/, "").split("\n");
          return (
            <span key={index} className={style}>
              {lines.map((line) => `${sign} ${line}`).join("\n")}
              {"\n"}
            </span>
          );
        })}
      </code>
    </pre>
  );
}
