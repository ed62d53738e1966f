/**
 * Why an option cannot be chosen right now, computed from the schema's own
 * cross-field rules and the organization policy, if any: apply the option to
 * a copy of the form, and if that breaks a rule the current form does not
 * break, the rule's statement of itself (not its advice to a broken form) is
 * the reason. No rule is restated here.
 */
import type { Policy } from "../config/policy";
import { violationIntroduced } from "../config/policy-rules";
import { crossFieldIssues } from "../config/rules";
import type { Config } from "../config/schema";

export function blockedReason(current: Config, apply: (draft: Config) => void, policy?: Policy): string | undefined {
  const draft = structuredClone(current);
  apply(draft);
  const before = new Set(crossFieldIssues(current).map((issue) => issue.message));
  const broken = crossFieldIssues(draft).find((issue) => !before.has(issue.message))?.why;
  return broken ?? (policy ? violationIntroduced(policy, current, draft)?.message : undefined);
}
