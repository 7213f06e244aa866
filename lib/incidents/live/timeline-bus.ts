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

async function ensureListening(): Promise<void> {
  const state = bus();
  if (embedded() || state.listener) return;
  state.connecting ??= (async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    client.on("notification", (message) => {
      if (message.channel === CHANNEL && message.payload) state.emitter.emit(message.payload);
    });
    const reconnect = () => {
      state.listener = undefined;
      state.connecting = undefined;
      setTimeout(() => void ensureListening().catch(() => {}), 1_000).unref();
    };
    client.on("error", reconnect);
    client.on("end", reconnect);
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
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

/** Calls `onChange` whenever the incident changes, in any console process. */
export async function watchIncident(incidentId: string, onChange: () => void): Promise<() => void> {
  await ensureListening();
  bus().emitter.on(incidentId, onChange);
  return () => bus().emitter.off(incidentId, onChange);
}
