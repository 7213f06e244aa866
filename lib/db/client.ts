import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

/**
 * One Prisma client and one pg pool per process. `npm start` always sets DATABASE_URL:
 * to the real PostgreSQL given, or to the embedded PGlite it started (see scripts/start.ts).
 * Use cases receive this client as an argument (`db`) so tests can pass their own.
 */
export type Db = PrismaClient;

export interface DbHandle {
  db: PrismaClient;
  pool: pg.Pool;
}

export function createDb(connectionString: string, poolSize = 10): DbHandle {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its server emits 'error' on the pool; without a listener that
  // would crash the process. The next query reports the failure where it can be shown.
  pool.on("error", () => {});
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { db, pool };
}

const globalForDb = globalThis as unknown as { consoleDb?: DbHandle };

function connectionString(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start the console with `npm start`, which provides the embedded database.");
  }
  return url;
}

/** The process-wide handle (kept on globalThis so dev-mode reloads do not open new pools). */
export function dbHandle(): DbHandle {
  globalForDb.consoleDb ??= createDb(connectionString(), Number(process.env.DATABASE_POOL_SIZE ?? 10));
  return globalForDb.consoleDb;
}

export function getDb(): PrismaClient {
  return dbHandle().db;
}
