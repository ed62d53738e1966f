/**
 * The address a request is counted against. `peer` is the socket's address;
 * `forwardedFor` the X-Forwarded-For the request arrived with. That header is
 * anyone's to write, so it counts only when the peer is a configured trusted
 * proxy (SIDECAR_TRUSTED_PROXIES), and then only up to the first hop that is
 * not itself trusted: the rightmost untrusted address is the client.
 */
export function clientAddress(peer: string, forwardedFor: string | null, trustedProxies: ReadonlySet<string>): string {
  let client = normalizeAddress(peer);
  if (!forwardedFor) return client;
  const hops = forwardedFor
    .split(",")
    .map((hop) => normalizeAddress(hop.trim()))
    .filter(Boolean);
  while (trustedProxies.has(client) && hops.length > 0) client = hops.pop()!;
  return client;
}

/** IPv4 written as IPv6 (`::ffff:10.0.0.1`, what dual-stack sockets report) is the IPv4 address. */
function normalizeAddress(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith("::ffff:") && lower.includes(".") ? lower.slice("::ffff:".length) : lower;
}

/** SIDECAR_TRUSTED_PROXIES: comma-separated addresses of the reverse proxies in front of the app. */
export function trustedProxiesFrom(setting: string | undefined): Set<string> {
  return new Set(
    (setting ?? "")
      .split(",")
      .map((a) => normalizeAddress(a.trim()))
      .filter(Boolean),
  );
}

/**
 * The request header that carries X-Forwarded-For as the request arrived.
 * proxy.api.ts moves the incoming header here, so the X-Forwarded-For a route
 * sees is the one Next.js fills in from the socket: the peer's address.
 */
export const RECEIVED_FORWARDED_FOR = "x-sidecar-received-forwarded-for";
