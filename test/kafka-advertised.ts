/**
 * Kafka clients bootstrap from one address, then connect to the address each broker
 * advertises in its Metadata (and FindCoordinator) answers: a plain TCP proxy would carry only
 * the bootstrap. This rewriter, for the proxy's broker-to-client direction, reassembles the
 * size-prefixed response frames and changes the advertised port from the broker's to the
 * proxy's wherever it follows the broker's host (a string, then an int32 port, in every
 * version: the host's length prefix differs between versions, the host and port do not), so
 * every connection of the client goes through the proxy. The frame's size is unchanged.
 */
export function advertisedAddressRewriter(broker: { host: string; port: number }): (proxyPort: number) => (chunk: Buffer) => Buffer {
  const host = Buffer.from(broker.host, "latin1");
  const from = Buffer.alloc(4);
  from.writeInt32BE(broker.port);
  const pattern = Buffer.concat([host, from]);
  return (proxyPort) => {
    let pending = Buffer.alloc(0);
    return (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      const frames: Buffer[] = [];
      while (pending.length >= 4) {
        const size = pending.readInt32BE(0);
        // Not a Kafka frame (or a huge one): pass it on untouched rather than hold it.
        if (size < 0 || size > 64 * 1024 * 1024) {
          frames.push(pending);
          pending = Buffer.alloc(0);
          break;
        }
        if (pending.length < 4 + size) break;
        const frame = Buffer.from(pending.subarray(0, 4 + size));
        pending = pending.subarray(4 + size);
        for (let at = frame.indexOf(pattern); at >= 0; at = frame.indexOf(pattern, at + pattern.length)) frame.writeInt32BE(proxyPort, at + host.length);
        frames.push(frame);
      }
      return Buffer.concat(frames);
    };
  };
}
