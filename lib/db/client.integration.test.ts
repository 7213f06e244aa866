import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/errors";
import { faultProxy } from "@/test/fault-proxy";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createDb, DB_TIMEOUTS, type DbHandle } from "./client";

describe("the console's pool (real PostgreSQL)", () => {
  let database: TestDatabase;
  let handle: DbHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
    handle = createDb(database.url, 1, { statementTimeoutMs: 300 });
  });
  afterAll(async () => {
    await handle.db.$disconnect();
    await handle.pool.end();
    await database.drop();
  });

  it("cancels a statement that runs past the statement timeout, and the pool's one connection keeps working", async () => {
    await expect(handle.db.$queryRaw`SELECT pg_sleep(5)`).rejects.toThrow(/statement timeout/);
    expect(await handle.db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    const settings = await handle.db.$queryRaw<{ statement_timeout: string; idle: string }[]>`
      SELECT current_setting('statement_timeout') AS statement_timeout, current_setting('idle_in_transaction_session_timeout') AS idle`;
    expect(settings).toEqual([{ statement_timeout: "300ms", idle: "1min" }]);
  });
});

describe("the console's pool when its database goes silent (real PostgreSQL behind a proxy)", () => {
  it("gives up on a query the margin after the statement timeout, as the database being unreachable, and recovers when it answers again", async () => {
    const database = await createTestDatabase();
    const url = new URL(database.url);
    const proxy = await faultProxy({ host: url.hostname, port: Number(url.port) }, { slowByMs: 0 });
    url.host = `127.0.0.1:${proxy.port}`;
    const handle = createDb(url.toString(), 1, { statementTimeoutMs: 300 });
    try {
      expect(await handle.db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
      // A partition: the pooled connection stays open and nothing comes back. The server never
      // sees the statement, so only the client's own limit can end the wait.
      await proxy.set("black-holed");
      const started = Date.now();
      const failure = await handle.db.$queryRaw`SELECT 2`.then(() => null, (error: unknown) => error);
      const waited = Date.now() - started;
      expect(isDatabaseUnavailable(failure), String(failure)).toBe(true);
      expect(waited).toBeGreaterThanOrEqual(300 + DB_TIMEOUTS.queryMarginMs - 100);
      expect(waited).toBeLessThan(300 + DB_TIMEOUTS.queryMarginMs + 3_000);
      await proxy.set("pass");
      await expect.poll(() => handle.db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`.catch(() => null), { timeout: 10_000 }).toEqual([{ one: 1 }]);
    } finally {
      await handle.pool.end().catch(() => {});
      await proxy.close();
      await database.drop();
    }
  }, 30_000);
});
