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

/**
 * Server-side limits on every connection of the pool, so a stalled database or a stuck
 * statement fails the one request with an error instead of hanging it (and, through the
 * pool, every request after it): no statement runs longer than `statementTimeoutMs` (and the
 * client gives up on an answer `queryMarginMs` after that, for a server that went silent), no
 * transaction sits idle holding locks longer than a minute, and TCP keep-alive notices a
 * server that vanished without closing the socket.
 */
export const DB_TIMEOUTS = { connectMs: 3_000, statementMs: 15_000, queryMarginMs: 5_000, idleInTransactionMs: 60_000 } as const;

export function createDb(connectionString: string, poolSize = 10, options: { statementTimeoutMs?: number } = {}): DbHandle {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: DB_TIMEOUTS.connectMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? DB_TIMEOUTS.statementMs,
    // and on the client: a server that stops answering mid-connection (a partition) fails the query
    query_timeout: (options.statementTimeoutMs ?? DB_TIMEOUTS.statementMs) + DB_TIMEOUTS.queryMarginMs,
    idle_in_transaction_session_timeout: DB_TIMEOUTS.idleInTransactionMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
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
