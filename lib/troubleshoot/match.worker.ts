/** The troubleshooter's matching, off the page's main thread: a huge paste never blocks typing. */
import { matchError } from "./match";
import type { MatchRequest, MatchResponse } from "./protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<MatchRequest>) => {
  const { id, text } = event.data;
  const matches = matchError(text).map((m) => ({ patternId: m.pattern.id, excerpt: m.excerpt, subject: m.subject, line: m.line }));
  scope.postMessage({ id, matches, characters: text.length } satisfies MatchResponse);
};
