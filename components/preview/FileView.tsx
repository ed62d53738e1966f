"use client";
/**
 * One generated file: highlighted (the highlighter is loaded on first use),
 * with copy and download, long lines wrapped or scrolled (the choice is
 * shown), and, when the last edit changed it, a diff against the previous
 * version that opens at the first change and closes with Escape or the
 * button (the diff library is loaded on demand too). A new edit closes the
 * diff: it belonged to the version it was opened on.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { changeCount, diffRows, type DiffRow } from "./diff-rows";
import type { PreparedTokens, Token } from "./highlight";

type Props = { path: string; content: string; previous?: string; isNew: boolean; prepared?: PreparedTokens };

export function FileView({ path, content, previous, isNew, prepared }: Props) {
  const [diffOf, setDiffOf] = useState<string | null>(null);
  const [wrap, setWrap] = useState(true);
  const [status, setStatus] = useState("");
  const canDiff = previous !== undefined && previous !== content;
  const showDiff = canDiff && diffOf === content;
  const toggleRef = useRef<HTMLButtonElement>(null);

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

  function leaveDiff() {
    setDiffOf(null);
    toggleRef.current?.focus();
  }

  const button =
    "rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 aria-pressed:border-blue-600 aria-pressed:bg-blue-50 dark:border-slate-700 dark:hover:bg-slate-800 dark:aria-pressed:bg-blue-950";
  return (
    <div className="flex min-h-0 flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 pb-2 dark:border-slate-800">
        <h3 className="mr-auto break-all font-mono text-sm font-semibold" data-testid="selected-file">
          {path}
          {isNew && <span className="ml-2 font-sans text-xs font-normal">(new with the last edit)</span>}
        </h3>
        {canDiff && (
          <button ref={toggleRef} type="button" className={button} aria-pressed={showDiff} onClick={() => (showDiff ? leaveDiff() : setDiffOf(content))}>
            {showDiff ? "Back to the file" : "Show changes"}
          </button>
        )}
        <button type="button" className={button} aria-pressed={wrap} onClick={() => setWrap(!wrap)} data-testid="wrap-toggle">
          Wrap long lines
        </button>
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
      {showDiff ? (
        <Diff before={previous} after={content} wrap={wrap} onLeave={leaveDiff} />
      ) : (
        <Highlighted path={path} content={content} wrap={wrap} prepared={prepared} />
      )}
    </div>
  );
}

const preClass = "mt-2 max-h-[70vh] overflow-auto rounded-md bg-slate-50 p-3 text-xs leading-5 dark:bg-slate-900";
const wrapClass = (wrap: boolean) => (wrap ? "whitespace-pre-wrap break-words" : "whitespace-pre");

/** Whether the element's content is wider than the element: lines that need scrolling sideways. */
function useWiderThanBox(ref: RefObject<HTMLElement | null>, deps: unknown[]): boolean {
  const [wider, setWider] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWider(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what changes the content's width
  }, deps);
  return wider;
}

/** Said above a pane whose lines run past its right edge, so they are not taken to end there. */
function ScrollCue({ shown }: { shown: boolean }) {
  if (!shown) return null;
  return (
    <p className="mt-2 text-xs text-slate-600 dark:text-slate-400" data-testid="scroll-cue">
      Some lines are wider than the pane: scroll sideways, or wrap them. →
    </p>
  );
}

function Highlighted({ path, content, wrap, prepared }: { path: string; content: string; wrap: boolean; prepared?: PreparedTokens }) {
  const [tokens, setTokens] = useState<{ for: string; tokens: Token[] | undefined } | null>(
    prepared?.path === path && prepared.content === content ? { for: content, tokens: prepared.tokens } : null,
  );
  const ref = useRef<HTMLPreElement>(null);
  const known = tokens?.for === content;
  useEffect(() => {
    if (known) return;
    let current = true;
    void import("./highlight").then(async ({ tokenize }) => {
      const tokens = await tokenize(path, content);
      if (current) setTokens({ for: content, tokens });
    });
    return () => {
      current = false;
    };
  }, [path, content, known]);
  const ready = known && tokens.tokens;
  const wider = useWiderThanBox(ref, [content, wrap, ready]);
  return (
    <>
      <ScrollCue shown={!wrap && wider} />
      {/* tabIndex: a scrollable region must be reachable by keyboard. */}
      <pre
        ref={ref}
        className={`${preClass} ${wrapClass(wrap)}`}
        tabIndex={0}
        aria-label={`Content of ${path}`}
        data-highlighted={ready ? "true" : "false"}
        data-testid="file-content"
      >
        <code>{ready ? renderTokens(tokens.tokens!) : content}</code>
      </pre>
    </>
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

const ROW_STYLE: Record<DiffRow["kind"], string> = {
  added: "bg-green-100 text-green-950 dark:bg-green-950 dark:text-green-100",
  removed: "bg-red-100 text-red-950 line-through decoration-red-400/60 dark:bg-red-950 dark:text-red-100",
  same: "text-slate-600 dark:text-slate-400",
  folded: "bg-slate-100 italic text-slate-600 dark:bg-slate-800 dark:text-slate-400",
};
const SIGN: Record<DiffRow["kind"], string> = { added: "+", removed: "−", same: " ", folded: "⋯" };

function Diff({ before, after, wrap, onLeave }: { before: string; after: string; wrap: boolean; onLeave: () => void }) {
  const [rows, setRows] = useState<DiffRow[] | null>(null);
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    let current = true;
    void import("diff").then(({ diffLines }) => {
      if (current) setRows(diffRows(diffLines(before, after)));
    });
    return () => {
      current = false;
    };
  }, [before, after]);
  // Open at the first change, with the keyboard focus on the diff so Escape leaves it.
  useEffect(() => {
    const pane = ref.current;
    const first = pane?.querySelector<HTMLElement>("[data-change]");
    if (!pane || !first) return;
    // The pane is the rows' offset parent (position: relative); two lines of context stay above.
    pane.scrollTop = first.offsetTop - 40;
    pane.focus({ preventScroll: true });
  }, [rows]);
  const wider = useWiderThanBox(ref, [rows, wrap]);
  if (!rows) return <p className="mt-2 text-sm">Comparing…</p>;
  const changes = changeCount(rows);
  return (
    <>
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400" data-testid="diff-summary">
        {changes} {changes === 1 ? "change" : "changes"} since the previous version; Escape or “Back to the file” leaves this view.
      </p>
      <ScrollCue shown={!wrap && wider} />
      <pre
        ref={ref}
        className={`${preClass} relative ${wrapClass(wrap)}`}
        tabIndex={0}
        aria-label="Changes since the previous version"
        data-testid="diff"
        onKeyDown={(event) => {
          if (event.key === "Escape") onLeave();
        }}
      >
        <code>
          {rows.map((row, index) => (
            <span key={index} className={`block ${ROW_STYLE[row.kind]}`} data-change={row.kind === "added" || row.kind === "removed" ? row.kind : undefined}>
              <span className="inline-block w-10 select-none pr-2 text-right text-slate-400" aria-hidden="true">
                {row.kind === "removed" || row.kind === "folded" ? "" : row.line}
              </span>
              <span className="select-none" aria-hidden="true">
                {SIGN[row.kind]}{" "}
              </span>
              {(row.kind === "added" || row.kind === "removed") && <span className="sr-only">{row.kind}: </span>}
              {row.kind === "folded" ? `${row.count} unchanged ${row.count === 1 ? "line" : "lines"}` : row.text || " "}
            </span>
          ))}
        </code>
      </pre>
    </>
  );
}
