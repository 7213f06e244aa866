import { createServer, type Server, type Socket } from "node:net";

/**
 * For the Kafka lab tests: a port nothing listens on (unreachable) and a server that
 * accepts connections and never answers (what a hung broker looks like from here).
 */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface BlackHole {
  port: number;
  close(): Promise<void>;
}

export async function blackHole(): Promise<BlackHole> {
  const held: Socket[] = [];
  const server: Server = createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: async () => {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
