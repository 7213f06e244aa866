import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { createUser } from "./create-user";
import { needsSetup, setupFirstAdmin } from "./setup-first-admin";

describe("users and first-run set-up (real PostgreSQL)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  const TOKEN = { setupToken: "printed-at-start-0123456789", expectedToken: "printed-at-start-0123456789" };

  it("refuses set-up without this console's set-up token, audits each attempt, and creates nothing", async () => {
    const input = { email: "mallory@example.com", password: "i reached it first" };
    await expect(setupFirstAdmin({ db: database.db, input, setupToken: "guess", expectedToken: TOKEN.expectedToken, address: "203.0.113.5" })).rejects.toMatchObject({
      code: "forbidden",
      fieldErrors: { setupToken: [expect.any(String)] },
    });
    await expect(setupFirstAdmin({ db: database.db, input, setupToken: undefined, expectedToken: TOKEN.expectedToken })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setupFirstAdmin({ db: database.db, input, setupToken: "anything", expectedToken: undefined })).rejects.toMatchObject({ code: "unavailable" });
    expect(await needsSetup(database.db)).toBe(true);
    const denied = await database.db.auditLog.findMany({ where: { action: "setup.first-admin", outcome: "denied" }, orderBy: { id: "asc" } });
    expect(denied.map((row) => row.detail)).toEqual(["wrong set-up token from 203.0.113.5", "wrong set-up token from unknown address", "no set-up token configured from unknown address"]);
  });

  it("lets exactly one of two simultaneous set-ups create the first administrator", async () => {
    expect(await needsSetup(database.db)).toBe(true);
    const results = await Promise.allSettled([
      setupFirstAdmin({ db: database.db, input: { email: "a@254carbon.com", password: "first admin password" }, ...TOKEN }),
      setupFirstAdmin({ db: database.db, input: { email: "b@254carbon.com", password: "second admin password" }, ...TOKEN }),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(AppError);
    expect((lost[0]!.reason as AppError).code).toBe("conflict");
    expect(await database.db.user.count({ where: { role: "admin" } })).toBe(1);
    expect(await needsSetup(database.db)).toBe(false);
  });

  it("refuses a duplicate email in any case and a short password, naming the field", async () => {
    await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "dup@254carbon.com", role: "l2", password: "twelve chars!" } });
    const duplicate = createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "DUP@254carbon.com", role: "l1", password: "another password" } });
    await expect(duplicate).rejects.toMatchObject({ code: "conflict", fieldErrors: { email: ["Already in use"] } });
    const short = createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "short@254carbon.com", role: "l1", password: "short" } });
    await expect(short).rejects.toMatchObject({ code: "bad_request", fieldErrors: { password: [expect.stringContaining("12 characters")] } });
    expect(await database.db.user.count({ where: { email: "short@254carbon.com" } })).toBe(0);
  });

  it("writes the user and its audit row together, with the password never in the audit", async () => {
    const user = await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "new@254carbon.com", name: "New", role: "l3", password: "a secret password" } });
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: "user.create", targetId: user.id } });
    expect(audit.after).toEqual({ email: "new@254carbon.com", name: "New", role: "l3" });
    expect(JSON.stringify(audit, (_key, value) => (typeof value === "bigint" ? String(value) : value))).not.toContain("a secret password");
    const stored = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });
});
