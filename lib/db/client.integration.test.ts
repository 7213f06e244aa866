import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createDb, type DbHandle } from "./client";

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
