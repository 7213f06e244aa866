import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { listAudit } from "./list-audit";
import { recordAudit } from "./record-audit";

describe("audit log (real PostgreSQL)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("is append-only: the database refuses UPDATE and DELETE from any client", async () => {
    await recordAudit(database.db, { actor: SYSTEM_ACTOR, action: "test.append", outcome: "ok", after: { value: 1 } });
    await expect(database.pool.query(`UPDATE "AuditLog" SET outcome = 'denied'`)).rejects.toThrow(/append-only/);
    await expect(database.pool.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    await expect(database.db.auditLog.deleteMany({})).rejects.toThrow();
    expect(await database.db.auditLog.count()).toBe(1);
  });

  it("pages newest first with a keyset cursor and filters by action prefix and outcome", async () => {
    for (let i = 0; i < 7; i++) {
      await recordAudit(database.db, { actor: SYSTEM_ACTOR, action: i % 2 ? "user.create" : "api-key.create", outcome: i === 6 ? "denied" : "ok" });
    }
    const first = await listAudit(database.db, { action: "user.", limit: 2 });
    expect(first.entries.map((entry) => entry.action)).toEqual(["user.create", "user.create"]);
    expect(first.nextBefore).not.toBeNull();
    const second = await listAudit(database.db, { action: "user.", limit: 2, before: first.nextBefore! });
    expect(second.entries).toHaveLength(1);
    expect(second.nextBefore).toBeNull();
    expect(second.entries[0]!.id < first.entries[1]!.id).toBe(true);
    const denied = await listAudit(database.db, { outcome: "denied" });
    expect(denied.entries.map((entry) => entry.action)).toEqual(["api-key.create"]);
  });
});
