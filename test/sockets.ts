import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * For connector and check tests: a closed port (unreachable) and a black hole (accepts
 * connections, never answers: what a hung backend looks like). Not used by the console.
 */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface BlackHole {
  port: number;
  close(): Promise<void>;
}

export async function blackHole(): Promise<BlackHole> {
  return listenWith(() => undefined);
}

export interface FreezableProxy {
  port: number;
  /** Existing connections stop passing bytes but stay open (a half-open peer); new ones still work. */
  freeze(): void;
  close(): Promise<void>;
}

/** A TCP proxy to 127.0.0.1:`targetPort` whose current connections can be frozen. */
export async function freezableProxy(targetPort: number): Promise<FreezableProxy> {
  const pairs: { client: Socket; upstream: Socket }[] = [];
  const held: Socket[] = [];
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    pairs.push({ client, upstream });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    port: (server.address() as { port: number }).port,
    freeze() {
      for (const { client, upstream } of pairs.splice(0)) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
        held.push(client, upstream);
      }
    },
    async close() {
      for (const socket of [...held, ...pairs.flatMap((pair) => [pair.client, pair.upstream])]) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface FaultServer {
  port: number;
  close(): Promise<void>;
}

async function listenWith(onSocket: (socket: Socket) => void): Promise<FaultServer> {
  const held: Socket[] = [];
  const server: Server = createServer((socket) => {
    held.push(socket);
    socket.on("error", () => socket.destroy());
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    port: (server.address() as { port: number }).port,
    async close() {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A backend that answers, but only after `delayMs` (past the caller's deadline): an HTTP
 * request gets a well-formed 200 with `{}`, any other protocol a few bytes.
 */
export function slowServer(delayMs: number): Promise<FaultServer> {
  return listenWith((socket) =>
    socket.once("data", (first) => {
      const http = /^(GET|POST|PUT|HEAD|DELETE|PATCH|OPTIONS) /.test(first.toString("latin1", 0, 8));
      setTimeout(() => {
        if (socket.destroyed) return;
        socket.write(http ? "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}" : "+OK\r\n");
      }, delayMs);
    }),
  );
}

/**
 * What a garbage backend answers: not HTTP, not RESP, not TLS; read as a length-framed
 * protocol's size (Kafka, PostgreSQL), a frame far longer than anything that follows.
 */
export const NONSENSE = Buffer.from("\x00\xff\xfeNONSENSE 42 }{ <html>\r\n\r\n", "latin1");

/** A backend that answers every connection and every request at once with nonsense bytes, and keeps the connection open. */
export function garbageServer(): Promise<FaultServer> {
  return listenWith((socket) => {
    socket.write(NONSENSE);
    socket.on("data", () => socket.write(NONSENSE));
  });
}
