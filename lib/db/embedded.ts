import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { startPasswordGate } from "./embedded-password-gate";

/**
 * The embedded default database: PGlite (PostgreSQL compiled to WebAssembly) served on a
 * loopback port, so Prisma (through adapter-pg), the migration runner and the CLI all talk
 * the PostgreSQL wire protocol exactly as they do to a real server.
 *
 * PGlite is one backend. The socket server multiplexes clients at the query level and keeps
 * a transaction on the connection that opened it, but messages of the extended protocol from
 * two clients could interleave, so the console itself uses a pool of one connection against
 * it (see `poolSizeFor`). A real PostgreSQL (`DATABASE_URL`) has no such limit.
 *
 * PGlite itself accepts any password, so it listens only on a Unix socket in a private
 * directory, and the loopback port is a gate that requires a password generated at each
 * start (embedded-password-gate.ts). The URL carries it; the launcher hands the URL to
 * Next.js and records it, readable only by this user, for the CLI (embedded-registry.ts).
 */
export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  /** Directory for the database files; omit for an in-memory database. */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Clients that may be connected at once: the console, the CLI, a migration. */
  maxConnections?: number;
}

export async function startEmbeddedPostgres(options: StartEmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  // mkdtemp makes the directory 0700: other users of the machine cannot reach the socket.
  const socketDir = await mkdtemp(path.join(tmpdir(), "console-pglite-"));
  const upstreamPath = path.join(socketDir, "pglite.sock");
  const server = new PGLiteSocketServer({ db, path: upstreamPath, maxConnections: options.maxConnections ?? 8 });
  await server.start();
  const password = randomBytes(24).toString("base64url");
  const gate = await startPasswordGate({ upstreamPath, password, host: "127.0.0.1", port: options.port ?? 0 });
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${gate.port}/postgres?sslmode=disable`,
    port: gate.port,
    async stop() {
      await gate.close();
      await server.stop();
      await db.close();
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}
