import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type DbHandle } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";

/** A fresh database on the test server, optionally migrated, dropped by `drop()`. */
export interface TestDatabase extends DbHandle {
  url: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set (test/integration-setup.ts sets it)");
  return url;
}

export function urlFor(database: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createEmptyDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    name,
    url: urlFor(name),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createTestDatabase(poolSize = 5): Promise<TestDatabase> {
  const empty = await createEmptyDatabase();
  const client = new pg.Client({ connectionString: empty.url });
  await client.connect();
  await applyMigrations(client);
  await client.end();
  const handle = createDb(empty.url, poolSize);
  return {
    ...handle,
    url: empty.url,
    async drop() {
      await handle.db.$disconnect();
      await handle.pool.end().catch(() => {});
      await empty.drop();
    },
  };
}
