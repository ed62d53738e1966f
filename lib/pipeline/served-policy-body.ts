/**
 * What the server answers at /sidecar-policy.json (the static build carries
 * it as that file): the policy and its hash, or null when there is none, not
 * yet checked. Apart from the check, so the wizard's page can ask whether a
 * policy applies without loading the schema.
 */
export type ServedPolicyBody = { policy?: unknown; hash?: unknown };

export async function fetchServedPolicyBody(): Promise<ServedPolicyBody | null> {
  const response = await fetch("/sidecar-policy.json", { cache: "no-cache" }).catch(() => undefined);
  if (!response?.ok) return null;
  return (await response.json().catch(() => null)) as ServedPolicyBody | null;
}
