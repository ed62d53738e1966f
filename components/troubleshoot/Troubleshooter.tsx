"use client";
/**
 * Paste an error or a log: the known causes it shows, each with the fix and
 * the check that finds it. Matching runs in a worker, a moment after typing
 * stops, on the whole paste.
 */
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { CHECKS } from "@/lib/diagnostics/registry";
import { ERROR_PATTERNS } from "@/lib/troubleshoot/patterns";
import type { MatchRequest, MatchResponse } from "@/lib/troubleshoot/protocol";

const checkTitle = (id: string) => CHECKS.find((c) => c.id === id)?.title ?? id;
const patternById = new Map(ERROR_PATTERNS.map((p) => [p.id, p]));
/** Typing pauses this long before the paste is matched again. */
const DEBOUNCE_MS = 150;
/** A matched excerpt is shown at most this long (a sequence may span a long line). */
const EXCERPT_LENGTH = 300;

/** The newest answer of the matching worker for `text`; null while it is being matched. */
function useMatches(text: string): MatchResponse | null {
  const worker = useRef<Worker | null>(null);
  const latest = useRef(0);
  const [answer, setAnswer] = useState<MatchResponse | null>(null);
  useEffect(() => {
    const started = new Worker(new URL("../../lib/troubleshoot/match.worker.ts", import.meta.url), { type: "module", name: "sidecar-troubleshoot" });
    started.onmessage = (event: MessageEvent<MatchResponse>) => {
      if (event.data.id === latest.current) setAnswer(event.data);
    };
    worker.current = started;
    return () => started.terminate();
  }, []);
  useEffect(() => {
    const id = ++latest.current;
    setAnswer(null);
    if (!text.trim()) return;
    const timer = setTimeout(() => worker.current?.postMessage({ id, text } satisfies MatchRequest), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return answer;
}

export function Troubleshooter() {
  const [text, setText] = useState("");
  const answer = useMatches(text);
  const matches = (answer?.matches ?? []).flatMap((m) => {
    const pattern = patternById.get(m.patternId);
    return pattern ? [{ ...m, pattern }] : [];
  });
  return (
    <div className="max-w-4xl space-y-4">
      <label className="block">
        <span className="font-medium">Error message or log</span>
        <textarea
          className="mt-1 block h-48 w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={'e.g. relation "user_sessions" does not exist'}
          data-testid="troubleshoot-input"
        />
      </label>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Matched in your browser against {ERROR_PATTERNS.length} known problems; nothing is sent anywhere.
      </p>
      {text.trim() && !answer && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          Matching…
        </p>
      )}
      {answer && (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="troubleshoot-read">
          Read the whole paste: {answer.characters.toLocaleString("en")} characters.
        </p>
      )}
      {answer && matches.length === 0 && (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950"
          data-testid="troubleshoot-unknown"
        >
          This error is not one Sidecar knows. Run the{" "}
          <Link className="underline" href="/doctor">
            doctor
          </Link>{" "}
          on your project: its checks find the integration problems that cause most sign-in failures.
        </p>
      )}
      <ol className="space-y-3" data-testid="troubleshoot-results">
        {matches.map((m) => (
          <li key={m.pattern.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-800" data-pattern={m.pattern.id}>
            <h2 className="font-semibold">{m.pattern.title}</h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Line {m.line}: <code>{m.excerpt.length > EXCERPT_LENGTH ? `${m.excerpt.slice(0, EXCERPT_LENGTH)}…` : m.excerpt}</code>
            </p>
            <p className="mt-2">
              <span className="font-medium">Cause: </span>
              {m.pattern.cause}
            </p>
            <p className="mt-1">
              <span className="font-medium">Fix: </span>
              {m.pattern.fix}
            </p>
            {m.pattern.check && (
              <p className="mt-1 text-sm">
                <span className="font-medium">Check: </span>
                {checkTitle(m.pattern.check)} (<code>{m.pattern.check}</code>) — run it with the{" "}
                <Link className="underline" href="/doctor">
                  doctor
                </Link>{" "}
                or <code>npm run doctor -- &lt;project&gt;</code>
              </p>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
