/**
 * Node 20 compatibility for @kubernetes/client-node 2.x. (package.json now pins 1.x, which
 * needs none of this; the shims only fill in what is missing, so they are harmless there
 * and keep the lab working if 2.x comes back.)
 *
 * client-node 2.0.1 depends on undici 8, which declares Node >= 22.19. On this machine's
 * Node 20 it throws at import or first request for three missing APIs:
 * `zlib.createZstdDecompress` (Node 22.15), `worker_threads.markAsUncloneable` (22.10) and
 * `Promise.withResolvers` (22). The shims below are enough for what the lab does (list,
 * get, create, patch, delete against the API server, which never answers with zstd).
 * Import this module before @kubernetes/client-node.
 */
import workerThreads from "node:worker_threads";
import zlib from "node:zlib";

const z = zlib as unknown as Record<string, unknown>;
if (typeof z.createZstdDecompress !== "function") {
  z.createZstdDecompress = () => {
    throw new Error("zstd decompression needs Node >= 22.15");
  };
}

// undici 8's web classes mark themselves uncloneable (Node 22.10+); a no-op is harmless here.
const w = workerThreads as unknown as Record<string, unknown>;
if (typeof w.markAsUncloneable !== "function") w.markAsUncloneable = () => undefined;

// undici 8's fetch uses Promise.withResolvers (ES2024, Node 22).
const P = Promise as unknown as { withResolvers?: unknown };
if (typeof P.withResolvers !== "function") {
  P.withResolvers = function withResolvers<T>() {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
