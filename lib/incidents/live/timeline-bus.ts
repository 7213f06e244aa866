import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import type { Db } from "@/lib/db/client";

/**
 * Live timelines. After a write commits, `announceChange(db, incidentId)` sends a PostgreSQL
 * NOTIFY; every console process (this one included) keeps one LISTEN connection and fans the
 * news out to its own open streams (SSE). With the embedded database there is one process,
 * and the news goes straight to its streams. A
 * message only says "this incident changed"; viewers then fetch what is new, so a
 * duplicate or a lost message costs at most one extra request.
 */
const CHANNEL = "incident_changes";
/** For a use case whose single write statement runs `pg_notify(INCIDENT_CHANNEL, incidentId)` itself (one round trip fewer). */
export const INCIDENT_CHANNEL = CHANNEL;

interface Bus {
  emitter: EventEmitter;
  listener?: pg.Client;
  connecting?: Promise<void>;
}

const globalForBus = globalThis as unknown as { incidentBus?: Bus };

function bus(): Bus {
  if (!globalForBus.incidentBus) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    globalForBus.incidentBus = { emitter };
  }
  return globalForBus.incidentBus;
}

/** The embedded database is one process's by design: no LISTEN connection needed. */
const embedded = () => process.env.CONSOLE_EMBEDDED_DB === "true";

/**
 * The LISTEN connection is idle by nature: a half-open socket (the server or a middlebox
 * gone without a FIN) would never error, and live updates would silently stop. So it has a
 * connect timeout, TCP keep-alive, and a heartbeat: a `SELECT 1` every `heartbeatMs` that
 * must answer within `heartbeatTimeoutMs`, else the connection is dropped and made again.
 */
export const LISTEN_LIMITS = { connectMs: 5_000, heartbeatMs: 15_000, heartbeatTimeoutMs: 5_000 };

async function ensureListening(): Promise<void> {
  const state = bus();
  if (embedded() || state.listener) return;
  state.connecting ??= (async () => {
    const client = new pg.Client({
      connectionString: process.env.DATABASE_URL,
      connectionTimeoutMillis: LISTEN_LIMITS.connectMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on("notification", (message) => {
      if (message.channel === CHANNEL && message.payload) state.emitter.emit(message.payload);
    });
    let heartbeat: NodeJS.Timeout | undefined = undefined;
    let dropped = false;
    const reconnect = () => {
      if (dropped) return;
      dropped = true;
      clearInterval(heartbeat);
      if (state.listener === client) state.listener = undefined;
      state.connecting = undefined;
      setTimeout(() => void ensureListening().catch(() => {}), 1_000).unref();
    };
    client.on("error", reconnect);
    client.on("end", reconnect);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      dropped = true;
      await client.end().catch(() => {});
      throw error;
    }
    heartbeat = setInterval(() => {
      let timer: NodeJS.Timeout | undefined;
      const silent = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("heartbeat timeout")), LISTEN_LIMITS.heartbeatTimeoutMs);
      });
      Promise.race([client.query("SELECT 1"), silent])
        .catch(() => {
          // Destroy the socket (end() would wait for the server): the next tick connects anew.
          (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
          reconnect();
        })
        .finally(() => clearTimeout(timer));
    }, LISTEN_LIMITS.heartbeatMs);
    heartbeat.unref();
    state.listener = client;
  })().catch((error) => {
    state.connecting = undefined;
    throw error;
  });
  await state.connecting;
}

export async function announceChange(db: Db, incidentId: string): Promise<void> {
  // With a real PostgreSQL the notification comes back to this process's own LISTEN
  // connection too, so viewers here hear it once, the same way as everyone else.
  if (embedded()) {
    bus().emitter.emit(incidentId);
    return;
  }
  await db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${incidentId})`
    .then(() => undefined)
    .catch(() => {
      // The write itself committed; a lost announcement only delays other processes' viewers
      // until their next poll (the page also refetches every 15 s).
    });
}

/**
 * After a statement that ran `pg_notify(INCIDENT_CHANNEL, incidentId)` and committed: the
 * embedded database has no LISTEN connection, so its viewers are told here.
 */
export function announceNotified(incidentId: string): void {
  if (embedded()) bus().emitter.emit(incidentId);
}

/** Calls `onChange` whenever the incident changes, in any console process. */
export async function watchIncident(incidentId: string, onChange: () => void): Promise<() => void> {
  await ensureListening();
  bus().emitter.on(incidentId, onChange);
  return () => bus().emitter.off(incidentId, onChange);
}
