import { connect, createServer, type Server, type Socket } from "node:net";

export interface DelayingProxy {
  port: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy to 127.0.0.1:`targetPort` that hands each chunk the server sends on after
 * `delayMs`, in order: a slow network between the console and a real server (the lab's
 * Kubernetes API), so a step that reads a stream really takes long. Bytes pass unchanged
 * (TLS included); the client's side is not delayed.
 */
export async function delayingProxy(targetPort: number, delayMs: number): Promise<DelayingProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    }
    client.pipe(upstream);
    // Each chunk leaves delayMs after the previous one left: order is kept, the pace is slow.
    let last = Promise.resolve();
    upstream.on("data", (chunk: Buffer) => {
      last = last.then(() => new Promise<void>((resolve) => setTimeout(() => {
        if (!client.destroyed) client.write(chunk);
        resolve();
      }, delayMs)));
    });
    upstream.on("end", () => void last.then(() => client.end()));
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    port: (server.address() as { port: number }).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
