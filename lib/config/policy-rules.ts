/**
 * What an organization policy asks of a configuration, free of zod so the
 * wizard's main thread can explain a locked field or a refused option without
 * loading the validator (lib/config/policy.ts validates the policy itself).
 */
import { matchesOriginPattern } from "./origin-pattern";
import type { Policy } from "./policy";
import type { Config } from "./schema";

/** A rule of the policy that a configuration breaks: the field, the rule and the policy's reason. */
export type PolicyViolation = { path: string; rule: "allow" | "lock" | `require.${"min" | "max" | "match"}`; message: string };

/** The value at a dotted path, or undefined. Reads own properties only. */
function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split(".")) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Every rule of the policy that `config` breaks, with the policy's reason in the message. */
export function policyViolations(policy: Policy, config: Config): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  for (const [path, allowed] of Object.entries(policy.allow)) {
    const value = valueAt(config, path);
    const chosen = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const choice of chosen.filter((c) => !allowed.includes(c as string))) {
      violations.push({ path, rule: "allow", message: `${String(choice)} is not among this organization's choices (${allowed.join(", ")})` });
    }
  }
  for (const [path, { value, reason }] of Object.entries(policy.lock)) {
    if (JSON.stringify(valueAt(config, path)) !== JSON.stringify(value)) {
      violations.push({ path, rule: "lock", message: `${path} is fixed to ${JSON.stringify(value)}: ${reason}` });
    }
  }
  for (const [path, requirement] of Object.entries(policy.require)) violations.push(...requirementViolations(path, requirement, valueAt(config, path)));
  return violations;
}

function requirementViolations(path: string, { min, max, match, reason }: Policy["require"][string], value: unknown): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  if (typeof value === "number") {
    if (min !== undefined && value < min) violations.push({ path, rule: "require.min", message: `${path} must be at least ${min}: ${reason}` });
    if (max !== undefined && value > max) violations.push({ path, rule: "require.max", message: `${path} must be at most ${max}: ${reason}` });
  }
  if (match && Array.isArray(value)) {
    value.forEach((origin, i) => {
      if (!match.some((pattern) => matchesOriginPattern(String(origin), pattern))) {
        violations.push({ path: `${path}.${i}`, rule: "require.match", message: `${String(origin)} is not under ${match.join(" or ")}: ${reason}` });
      }
    });
  }
  return violations;
}

/** The first rule `draft` breaks that `current` does not: why an option is unavailable under the policy. */
export function violationIntroduced(policy: Policy, current: Config, draft: Config): PolicyViolation | undefined {
  const before = new Set(policyViolations(policy, current).map((v) => v.message));
  return policyViolations(policy, draft).find((v) => !before.has(v.message));
}

/** Origins the pages' images may come from besides their own: the logo's, when the policy brands the page. */
export function brandingImageOrigins(policy: Policy | undefined): string[] {
  const logo = policy?.branding?.logoUrl;
  return logo ? [new URL(logo).origin] : [];
}

/** Why a field cannot be edited at all: it is locked by the policy. */
export function lockedReason(policy: Policy | undefined, path: string): string | undefined {
  const lock = policy?.lock[path];
  return lock ? `Locked by ${policy.name}: ${lock.reason}` : undefined;
}

/** Why the policy refuses `value` for the field at `path` (a lock to another value, or a value outside allow). */
export function optionRefusal(policy: Policy | undefined, path: string, value: unknown): string | undefined {
  if (!policy) return undefined;
  const lock = policy.lock[path];
  if (lock && JSON.stringify(lock.value) !== JSON.stringify(value)) return lockedReason(policy, path);
  const allowed = policy.allow[path] as unknown[] | undefined;
  if (allowed && !allowed.includes(value)) return `Not among ${policy.name}'s approved choices`;
  return undefined;
}
