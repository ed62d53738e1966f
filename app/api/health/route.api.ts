/**
 * Liveness of the server build, for container healthchecks: 200 while the
 * process serves requests, with the organization policy it runs under (name
 * and hash, so an operator can tell which file a restart loaded).
 */
import { processPolicy } from "@/lib/server/policy";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const loaded = await processPolicy();
  const policy = loaded ? { name: loaded.policy.name, hash: loaded.hash } : null;
  return Response.json({ status: "ok", policy }, { headers: { "cache-control": "no-store" } });
}
