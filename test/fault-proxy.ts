import { connect, createServer, type Server, type Socket } from "node:net";
import type { Fault } from "./fault-kinds";
import { NONSENSE } from "./sockets";

/**
 * A TCP proxy in front of one real backend that can be switched, while the console keeps its
 * connections, between passing bytes and the four faults of the fault matrix:
 * - `stopped`: the port refuses connections and every open one is closed (the backend's process is gone);
 * - `black-holed`: nothing passes either way and new connections are accepted and held (a hung
 *   backend or a partition); on restore the held bytes flow again, as TCP delivers them after a
 *   short partition;
 * - `slow`: the backend's answers arrive `slowByMs` late, in order;
 * - `garbage`: every request, and every new connection at once, is answered with nonsense.
 * Back to `pass`, connections that saw nonsense are closed (their protocol state is lost);
 * the others carry on. TLS passes through untouched (the client still checks the backend's
 * certificate, which must name 127.0.0.1).
 *
 * `rewrite`, when given, sees every chunk from the backend before the fault does: Kafka's
 * proxy uses it to point the brokers' advertised address at the proxy (kafka-advertised.ts).
 */
export type ProxyMode = "pass" | Fault;

export interface FaultProxy {
  port: number;
  target: { host: string; port: number };
  mode(): ProxyMode;
  set(mode: ProxyMode): Promise<void>;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  slowByMs: number;
  /** a fresh rewriter per connection (it may keep state across chunks), given the proxy's port */
  rewrite?: (proxyPort: number) => (chunk: Buffer) => Buffer;
}

interface Link {
  client: Socket;
  upstream: Socket | null;
  /** saw nonsense: closed on restore */
  tainted: boolean;
  /** bytes from the client while black-holed, sent upstream on restore */
  heldFromClient: Buffer[];
  heldFromUpstream: Buffer[];
  /** the slow mode's delivery queue: when the last delayed chunk goes out */
  lastDeliveryAt: number;
  rewrite: (chunk: Buffer) => Buffer;
}

export async function faultProxy(target: { host: string; port: number }, options: FaultProxyOptions): Promise<FaultProxy> {
  let mode: ProxyMode = "pass";
  const links = new Set<Link>();
  const server: Server = createServer((client) => accept(client));
  let listening = false;
  let port = 0;

  const destroy = (link: Link) => {
    links.delete(link);
    link.client.destroy();
    link.upstream?.destroy();
  };

  const toClient = (link: Link, chunk: Buffer) => {
    if (link.client.destroyed) return;
    if (mode === "slow" || link.lastDeliveryAt > Date.now()) {
      // In order: never before a chunk delayed earlier.
      const at = Math.max(Date.now() + (mode === "slow" ? options.slowByMs : 0), link.lastDeliveryAt);
      link.lastDeliveryAt = at;
      setTimeout(() => link.client.destroyed || link.client.write(chunk), at - Date.now()).unref();
    } else {
      link.client.write(chunk);
    }
  };

  const connectUpstream = (link: Link) => {
    const upstream = connect(target.port, target.host);
    link.upstream = upstream;
    upstream.on("data", (raw: Buffer) => {
      const chunk = link.rewrite(raw);
      if (chunk.length === 0) return;
      if (mode === "black-holed") link.heldFromUpstream.push(chunk);
      else if (mode !== "garbage") toClient(link, chunk);
    });
    // The backend closing is a fault's business too: unseen while black-holed (the link is
    // closed on restore), after the delayed answers while slow.
    const closed = () => {
      if (mode === "black-holed" || mode === "garbage") link.tainted = true;
      else setTimeout(() => destroy(link), Math.max(0, link.lastDeliveryAt - Date.now())).unref();
    };
    upstream.on("error", closed);
    upstream.on("close", closed);
    for (const chunk of link.heldFromClient.splice(0)) upstream.write(chunk);
  };

  const accept = (client: Socket) => {
    const link: Link = { client, upstream: null, tainted: false, heldFromClient: [], heldFromUpstream: [], lastDeliveryAt: 0, rewrite: options.rewrite?.(port) ?? ((chunk) => chunk) };
    links.add(link);
    client.on("error", () => destroy(link));
    client.on("close", () => destroy(link));
    client.on("data", (chunk: Buffer) => {
      if (mode === "garbage") {
        link.tainted = true;
        client.write(NONSENSE);
      } else if (mode === "black-holed" || !link.upstream) link.heldFromClient.push(chunk);
      else link.upstream.write(chunk);
    });
    if (mode === "garbage") {
      link.tainted = true;
      client.write(NONSENSE);
    } else if (mode !== "black-holed") connectUpstream(link);
  };

  const listen = (at: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(at, "127.0.0.1", () => {
        server.off("error", reject);
        listening = true;
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve();
      listening = false;
      server.close(() => resolve());
      for (const link of [...links]) destroy(link);
    });

  await listen(0);
  port = (server.address() as { port: number }).port;

  return {
    port,
    target,
    mode: () => mode,
    async set(next) {
      const previous = mode;
      mode = next;
      if (next === "stopped") return stopListening();
      if (previous === "stopped") await listen(port);
      if (next !== "pass") return;
      for (const link of [...links]) {
        if (link.tainted) destroy(link);
        else if (!link.upstream) connectUpstream(link);
        else {
          for (const chunk of link.heldFromClient.splice(0)) link.upstream.write(chunk);
          for (const chunk of link.heldFromUpstream.splice(0)) toClient(link, chunk);
        }
      }
    },
    async close() {
      mode = "stopped";
      await stopListening();
    },
  };
}
