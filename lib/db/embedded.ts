import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * The embedded default database: PGlite (PostgreSQL compiled to WebAssembly) served on a
 * loopback port, so Prisma (through adapter-pg), the migration runner and the CLI all talk
 * the PostgreSQL wire protocol exactly as they do to a real server.
 *
 * PGlite is one backend. The socket server multiplexes clients at the query level and keeps
 * a transaction on the connection that opened it, but messages of the extended protocol from
 * two clients could interleave, so the console itself uses a pool of one connection against
 * it (see `poolSizeFor`). A real PostgreSQL (`DATABASE_URL`) has no such limit.
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
  const server = new PGLiteSocketServer({
    db,
    host: "127.0.0.1",
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 8,
  });
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  return {
    // PGlite accepts any user and password; these only satisfy the URL syntax.
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
