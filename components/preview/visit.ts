/**
 * What a visit starts from, read before the wizard's code is loaded: the page
 * decides with it whether to make the form live at once.
 */
import { fetchServedPolicyBody } from "@/lib/pipeline/served-policy-body";
import type { PreviewSnapshot } from "@/lib/worker/protocol";

/** Where the wizard keeps the last valid configuration. */
export const SAVED_CONFIG_KEY = "sidecar:config";

/**
 * Whether this visit starts from a link or a saved configuration other than
 * the snapshot's defaults. The snapshot's own link and saved copy (the address
 * and storage it leaves behind) are the defaults too.
 */
export function startsElsewhere({ permalink, settings }: Pick<PreviewSnapshot, "permalink" | "settings">, savedKey = SAVED_CONFIG_KEY): boolean {
  const query = window.location.search;
  const saved = localStorage.getItem(savedKey);
  return (query !== "" && query !== `?${permalink}`) || (saved !== null && saved !== JSON.stringify(settings));
}

/** Whether this server runs under an organization policy (the worker reads and checks it). */
export const policyServed = async (): Promise<boolean> => Boolean(await fetchServedPolicyBody());
