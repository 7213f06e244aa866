/**
 * The client's address for throttling. `next start` appends the socket's peer address to
 * X-Forwarded-For, so its last entry is the peer Next.js saw. Behind a trusted proxy
 * (TRUST_PROXY=true) the first entry is the client the proxy saw.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustProxy: boolean): string | null {
  if (!forwardedFor) return null;
  const hops = forwardedFor
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops.length === 0) return null;
  const address = trustProxy ? hops[0]! : hops[hops.length - 1]!;
  return address.replace(/^::ffff:/, "").slice(0, 64);
}
