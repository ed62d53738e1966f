/**
 * The organization policy a page is served under: the server answers it at
 * /sidecar-policy.json, the static build carries it as that file. It was
 * validated there; it is validated again here, since a page must not trust
 * what it fetched. Read by the wizard's worker and the doctor page alike.
 */
import { validatePolicy } from "../config/policy";
import type { PolicyInfo } from "./policy";
import { fetchServedPolicyBody } from "./served-policy-body";

export async function fetchServedPolicy(): Promise<PolicyInfo | undefined> {
  const body = await fetchServedPolicyBody();
  if (!body || typeof body.hash !== "string") return undefined;
  const checked = validatePolicy(body.policy);
  if (!checked.ok) throw new Error(`The organization policy cannot be used: ${checked.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
  return { policy: checked.policy, hash: body.hash };
}
