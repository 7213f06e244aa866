import { mkdtemp, mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase } from "@/test/test-database";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";
import { applyMigrations, checksumOf, migrationStatus, readMigrations } from "./migrations";
import { diffDatamodels } from "./schema-engine";

/**
 * What a schema looks like to the application: tables, columns, enums, indexes and
 * constraints. Triggers and functions are left out on purpose: migrations may add them by
 * hand (the audit log's append-only trigger) and schema.prisma cannot describe them.
 */
async function catalog(client: pg.Client) {
  const query = async (sql: string) => (await client.query(sql)).rows;
  return {
    columns: await query(`
      SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, datetime_precision
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
       ORDER BY table_name, column_name`),
    enums: await query(`
      SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`),
    indexes: await query(`
      SELECT tablename, indexname, indexdef FROM pg_indexes
       WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`),
    constraints: await query(`
      SELECT c.conrelid::regclass::text AS table_name, c.conname, pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`),
  };
}

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

describe("migrations on a real PostgreSQL", () => {
  let engineDatabase: EmbeddedPostgres;
  beforeAll(async () => {
    engineDatabase = await startEmbeddedPostgres();
  });
  afterAll(async () => {
    await engineDatabase.stop();
  });

  it("applying every migration gives exactly the schema that schema.prisma describes (no drift)", async () => {
    const migrated = await createEmptyDatabase();
    const direct = await createEmptyDatabase();
    const a = await connect(migrated.url);
    const b = await connect(direct.url);
    try {
      await applyMigrations(a);
      const schema = await readFile(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
      await b.query(await diffDatamodels(engineDatabase.url, null, schema));
      const fromMigrations = await catalog(a);
      expect(fromMigrations.columns.length).toBeGreaterThan(0);
      expect(fromMigrations).toEqual(await catalog(b));
    } finally {
      await a.end();
      await b.end();
      await migrated.drop();
      await direct.drop();
    }
  });

  it("the last migrated datamodel snapshot matches schema.prisma (run npm run db:migration after a schema change)", async () => {
    const schema = await readFile(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
    const snapshot = await readFile(path.join(process.cwd(), "prisma", "migrations", ".datamodel.prisma"), "utf8");
    const sql = await diffDatamodels(engineDatabase.url, snapshot, schema);
    const statements = sql.split("\n").filter((line) => line.trim() && !line.trim().startsWith("--"));
    expect(statements).toEqual([]);
  });

  it("keeps Prisma's _prisma_migrations bookkeeping and applies each migration once", async () => {
    const database = await createEmptyDatabase();
    const client = await connect(database.url);
    try {
      const files = await readMigrations();
      expect(await applyMigrations(client)).toEqual(files.map((file) => file.name));
      expect(await applyMigrations(client)).toEqual([]);
      const rows = (
        await client.query(
          `SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name`,
        )
      ).rows;
      expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
      for (const [index, row] of rows.entries()) {
        expect(row.checksum).toBe(files[index]!.checksum);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.applied_steps_count).toBe(1);
        expect(row.rolled_back_at).toBeNull();
      }
      expect(await migrationStatus(client)).toEqual({ applied: files.map((file) => file.name), pending: [], modified: [], failed: [] });
    } finally {
      await client.end();
      await database.drop();
    }
  });

  it("two processes migrating at once apply each migration exactly once", async () => {
    const database = await createEmptyDatabase();
    const first = await connect(database.url);
    const second = await connect(database.url);
    try {
      const [a, b] = await Promise.all([applyMigrations(first), applyMigrations(second)]);
      const files = await readMigrations();
      expect([...a, ...b].sort()).toEqual(files.map((file) => file.name));
      const count = await first.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      expect(count.rows[0].n).toBe(files.length);
    } finally {
      await first.end();
      await second.end();
      await database.drop();
    }
  });

  it("a failing migration is rolled back whole and leaves no record; an edited one is reported", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "migrations-"));
    await mkdir(path.join(dir, "20260101000000_good"));
    await writeFile(path.join(dir, "20260101000000_good", "migration.sql"), `CREATE TABLE "Good" (id int);`);
    await mkdir(path.join(dir, "20260102000000_bad"));
    await writeFile(path.join(dir, "20260102000000_bad", "migration.sql"), `CREATE TABLE "Half" (id int);\nSELECT * FROM no_such_table;`);
    const database = await createEmptyDatabase();
    const client = await connect(database.url);
    try {
      await expect(applyMigrations(client, dir)).rejects.toThrow(/20260102000000_bad failed and was rolled back/);
      const tables = await client.query(`SELECT to_regclass('"Good"') AS good, to_regclass('"Half"') AS half`);
      expect(tables.rows[0]).toEqual({ good: '"Good"', half: null });
      const status = await migrationStatus(client, dir);
      expect(status).toEqual({ applied: ["20260101000000_good"], pending: ["20260102000000_bad"], modified: [], failed: [] });

      await writeFile(path.join(dir, "20260101000000_good", "migration.sql"), `CREATE TABLE "Good" (id bigint);`);
      expect((await migrationStatus(client, dir)).modified).toEqual(["20260101000000_good"]);
      expect(checksumOf(`CREATE TABLE "Good" (id bigint);`)).not.toBe(checksumOf(`CREATE TABLE "Good" (id int);`));
    } finally {
      await client.end();
      await database.drop();
    }
  });
});
