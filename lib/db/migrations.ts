import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";

/**
 * Applies `prisma/migrations/<timestamp>_<name>/migration.sql` in order and keeps Prisma's
 * own `_prisma_migrations` bookkeeping (same table, checksum and advisory lock), so
 * `prisma migrate deploy` on a connected machine sees the same history and agrees.
 */
export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/** The advisory lock key Prisma's schema engine takes while migrating PostgreSQL. */
const PRISMA_MIGRATE_LOCK = 72707369;

export interface MigrationFile {
  name: string;
  sql: string;
  /** SHA-256 of the file's bytes, hex: what Prisma stores in `checksum`. */
  checksum: string;
}

export interface AppliedMigration {
  name: string;
  checksum: string;
  finishedAt: Date | null;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied, but the file changed since (Prisma warns about these too). */
  modified: string[];
  /** Recorded as started but never finished: needs a person (Prisma error P3009). */
  failed: string[];
}

export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}

const CREATE_BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

async function appliedMigrations(client: pg.ClientBase): Promise<AppliedMigration[]> {
  const exists = await client.query<{ present: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
  );
  if (!exists.rows[0]?.present) return [];
  const result = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"
      WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`,
  );
  return result.rows.map((row) => ({ name: row.migration_name, checksum: row.checksum, finishedAt: row.finished_at }));
}

export function compareMigrations(files: MigrationFile[], applied: AppliedMigration[]): MigrationStatus {
  const byName = new Map(applied.map((migration) => [migration.name, migration]));
  const status: MigrationStatus = { applied: [], pending: [], modified: [], failed: [] };
  for (const file of files) {
    const record = byName.get(file.name);
    if (!record) status.pending.push(file.name);
    else if (!record.finishedAt) status.failed.push(file.name);
    else {
      status.applied.push(file.name);
      if (record.checksum !== file.checksum) status.modified.push(file.name);
    }
  }
  return status;
}

export async function migrationStatus(client: pg.ClientBase, dir: string = MIGRATIONS_DIR): Promise<MigrationStatus> {
  return compareMigrations(await readMigrations(dir), await appliedMigrations(client));
}

/**
 * Applies every pending migration, each in its own transaction together with its
 * bookkeeping row, so a failed migration leaves neither half a schema nor a record.
 * Returns the names applied. Safe to run from several processes at once (advisory lock).
 */
export async function applyMigrations(client: pg.ClientBase, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const files = await readMigrations(dir);
  await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
  try {
    await client.query(CREATE_BOOKKEEPING);
    const status = compareMigrations(files, await appliedMigrations(client));
    if (status.failed.length > 0) {
      throw new Error(
        `Migration ${status.failed[0]} was started but never finished; resolve it by hand before migrating again (Prisma P3009).`,
      );
    }
    const applied: string[] = [];
    for (const file of files.filter((migration) => status.pending.includes(migration.name))) {
      await client.query("BEGIN");
      try {
        await client.query(file.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), file.checksum, file.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${file.name} failed and was rolled back: ${(error as Error).message}`, { cause: error });
      }
      applied.push(file.name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]);
  }
}
