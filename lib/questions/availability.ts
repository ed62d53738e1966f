/**
 * Why an option cannot be chosen right now, computed from the schema's own
 * cross-field rules: apply the option to a copy of the form, and if that
 * breaks a rule the current form does not break, the rule's message is the
 * reason. No rule is restated here.
 */
import { crossFieldIssues } from "../config/rules";
import type { Config } from "../config/schema";

export function blockedReason(current: Config, apply: (draft: Config) => void): string | undefined {
  const draft = structuredClone(current);
  apply(draft);
  const before = new Set(crossFieldIssues(current).map((issue) => issue.message));
  return crossFieldIssues(draft).find((issue) => !before.has(issue.message))?.message;
}
