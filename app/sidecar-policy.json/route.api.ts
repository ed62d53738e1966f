/**
 * The organization policy this server runs under, for the pages (which are
 * prerendered, so they read it here rather than having it baked in): the
 * policy and its hash, or null. The static build writes the same JSON file.
 */
import { processPolicy } from "@/lib/server/policy";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const loaded = await processPolicy();
  return Response.json(loaded ? { policy: loaded.policy, hash: loaded.hash } : null, {
    headers: { "cache-control": "no-cache" },
  });
}
