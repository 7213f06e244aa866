/**
 * The client's address for throttling.
 *
 * `peer` is the TCP peer of the connection (the launcher stamps it on every request as
 * `x-console-peer-address`, scripts/peer-address.mjs); the client cannot choose it.
 * `X-Forwarded-For` is only believed as far as there are trusted proxies in front of the
 * console (TRUST_PROXY_HOPS): counted from the right, each trusted proxy vouches for the
 * hop it appended. With 0 hops the header is ignored entirely, so a client changing it is
 * neither unthrottled nor able to lock out someone else's address.
 */
export function clientAddress(options: {
  peer: string | null | undefined;
  forwardedFor: string | null | undefined;
  trustedHops: number;
}): string | null {
  const peer = options.peer?.trim();
  if (!peer) return null;
  const forwarded = (options.forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  // The chain as the console sees it: the client's claims, then what each proxy appended,
  // then the proxy (or client) that opened the socket.
  const chain = [...forwarded, peer];
  const index = Math.max(0, chain.length - 1 - options.trustedHops);
  return normalize(chain[index]!);
}

function normalize(address: string): string {
  return address.replace(/^::ffff:/, "").slice(0, 64);
}
