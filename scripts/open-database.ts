/**
 * For scripts (CLI, migrate): a PostgreSQL URL for this checkout's database. DATABASE_URL
 * if set; else the embedded database that a running `npm start` serves; else the embedded
 * database opened here, for as long as the script runs.
 */
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { readEmbeddedRecord } from "../lib/db/embedded-registry";
import { applyMigrations } from "../lib/db/migrations";

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(): Promise<OpenDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, close: async () => {} };
  const dataDir = path.resolve(process.env.DATA_DIR || ".data");
  const running = await readEmbeddedRecord(dataDir);
  if (running) return { url: running.url, embedded: true, close: async () => {} };
  const database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pglite") });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await applyMigrations(client);
  } finally {
    await client.end();
  }
  return { url: database.url, embedded: true, close: () => database.stop() };
}
