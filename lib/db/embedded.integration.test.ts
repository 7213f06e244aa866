import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createDb } from "./client";
import { startEmbeddedPostgres } from "./embedded";
import { applyMigrations } from "./migrations";

async function migrate(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await applyMigrations(client);
  await client.end();
}

describe("embedded database (PGlite served on loopback)", () => {
  it("takes 100 parallel writes through Prisma, including transactions, and keeps them across a restart", async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), "pglite-")), "db");
    const first = await startEmbeddedPostgres({ dataDir });
    await migrate(first.url);
    // The pool size `npm start` uses against the embedded database.
    const { db, pool } = createDb(first.url, 1);
    await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        db.user.create({ data: { email: `user${index}@example.com`, role: "l1" } }),
      ),
    );
    await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        db.$transaction(async (tx) => {
          const user = await tx.user.findUniqueOrThrow({ where: { email: `user${index}@example.com` } });
          await tx.auditLog.create({ data: { actor: "system", action: "test.write", outcome: "ok", targetId: user.id } });
        }),
      ),
    );
    expect(await db.user.count()).toBe(50);
    expect(await db.auditLog.count({ where: { action: "test.write" } })).toBe(50);
    await db.$disconnect();
    await pool.end();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    const reopened = createDb(second.url, 1);
    try {
      expect(await reopened.db.user.count()).toBe(50);
    } finally {
      await reopened.db.$disconnect();
      await reopened.pool.end();
      await second.stop();
    }
  });

  it("refuses a client without the generated password, as PostgreSQL would (28P01), and lets the URL's password in", async () => {
    const database = await startEmbeddedPostgres();
    try {
      const url = new URL(database.url);
      expect(url.password.length).toBeGreaterThanOrEqual(24);
      for (const password of ["postgres", "", "wrong"]) {
        const guess = new URL(database.url);
        guess.password = password;
        const client = new pg.Client({ connectionString: guess.toString(), connectionTimeoutMillis: 5_000 });
        await expect(client.connect()).rejects.toMatchObject({ code: password === "" ? expect.any(String) : "28P01" });
        await client.end().catch(() => {});
      }
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      expect((await client.query("SELECT 1 + 1 AS two")).rows).toEqual([{ two: 2 }]);
      await client.end();
    } finally {
      await database.stop();
    }
  });
});
