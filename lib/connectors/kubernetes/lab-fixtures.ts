import { readFile, mkdtemp, writeFile } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * For the Kubernetes/Helm lab tests: the lab's kubeconfig (real credentials) pointed at
 * another server — a closed port (unreachable) or a black hole (accepts, never answers:
 * a hung API server) — without touching the shared lab.
 */
export const LAB_KUBECONFIG = path.resolve(".lab/kubeconfig");

/** A copy of .lab/kubeconfig whose cluster server is https://127.0.0.1:<port>. */
export async function kubeconfigFor(port: number): Promise<string> {
  const text = await readFile(LAB_KUBECONFIG, "utf8");
  const dir = await mkdtemp(path.join(tmpdir(), "kubeconfig-"));
  const file = path.join(dir, "config");
  await writeFile(file, text.replace(/server: https:\/\/127\.0\.0\.1:\d+/, `server: https://127.0.0.1:${port}`));
  return file;
}

/** A port nothing listens on (bound, then closed). */
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

/** A TCP server that accepts connections and never answers (not even the TLS handshake). */
export async function blackHole(): Promise<BlackHole> {
  const held: Socket[] = [];
  const server: Server = createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    port: (server.address() as { port: number }).port,
    async close() {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
