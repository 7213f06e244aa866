import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { SYSTEM_ACTOR } from "./actor";
import { MAX_FAILURES } from "./throttle";
import { MAX_PASSWORD_LENGTH, signInWithPassword } from "./sign-in";
import { createUser } from "@/lib/users/create-user";

describe("signing in with a password (real PostgreSQL)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "Lee@254carbon.com", role: "l1", password: "a long enough password" } });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("accepts the right password, whatever the email's case, and audits it", async () => {
    const result = await signInWithPassword({ db: database.db, email: " LEE@254carbon.com ", password: "a long enough password", address: "10.0.0.1" });
    expect(result).toMatchObject({ ok: true, user: { email: "lee@254carbon.com", role: "l1" } });
    const audit = await database.db.auditLog.findFirst({ where: { action: "auth.sign-in", outcome: "ok" } });
    expect(audit?.actor).toBe("lee@254carbon.com");
  });

  it("answers a wrong password and an unknown account the same way", async () => {
    const wrong = await signInWithPassword({ db: database.db, email: "lee@254carbon.com", password: "not the password", address: "10.0.0.2" });
    const unknown = await signInWithPassword({ db: database.db, email: "nobody@254carbon.com", password: "not the password", address: "10.0.0.2" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("refuses an account after 10 failures in a minute, even with the right password, without checking it", async () => {
    await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "max@254carbon.com", role: "l1", password: "max's long password" } });
    for (let i = 0; i < MAX_FAILURES; i++) {
      // A different address each time: the account's own count is what locks it.
      const result = await signInWithPassword({ db: database.db, email: "max@254carbon.com", password: `guess ${i}`, address: `10.1.0.${i}` });
      expect(result).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await signInWithPassword({ db: database.db, email: "max@254carbon.com", password: "max's long password", address: "10.9.9.9" });
    expect(locked).toMatchObject({ ok: false, reason: "throttled" });
    if (!locked.ok) expect(locked.retryAt!.getTime()).toBeGreaterThan(Date.now());
    const denied = await database.db.auditLog.count({ where: { action: "auth.sign-in", outcome: "denied", detail: { startsWith: "throttled" } } });
    expect(denied).toBe(1);
  });

  it("refuses an address after 10 failures in a minute, whichever accounts it tries", async () => {
    await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "kim@254carbon.com", role: "l2", password: "kim's long password" } });
    for (let i = 0; i < MAX_FAILURES; i++) {
      await signInWithPassword({ db: database.db, email: `spray${i}@254carbon.com`, password: "password123", address: "192.0.2.7" });
    }
    const fromSameAddress = await signInWithPassword({ db: database.db, email: "kim@254carbon.com", password: "kim's long password", address: "192.0.2.7" });
    const fromElsewhere = await signInWithPassword({ db: database.db, email: "kim@254carbon.com", password: "kim's long password", address: "192.0.2.8" });
    expect(fromSameAddress).toMatchObject({ ok: false, reason: "throttled" });
    expect(fromElsewhere.ok).toBe(true);
  });

  it("refuses a disabled account like a wrong password", async () => {
    await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "gone@254carbon.com", role: "l1", password: "gone's long password" } });
    await database.db.user.update({ where: { email: "gone@254carbon.com" }, data: { disabledAt: new Date() } });
    const result = await signInWithPassword({ db: database.db, email: "gone@254carbon.com", password: "gone's long password", address: "10.3.0.1" });
    expect(result).toEqual({ ok: false, reason: "invalid" });
  });

  it("lets at most 10 of 25 parallel wrong guesses for one account through to the password check", async () => {
    await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "race@254carbon.com", role: "l1", password: "race's long password" } });
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        signInWithPassword({ db: database.db, email: "race@254carbon.com", password: `parallel guess ${i}`, address: `10.7.0.${i}` }),
      ),
    );
    expect(results.filter((result) => !result.ok && result.reason === "invalid")).toHaveLength(MAX_FAILURES);
    expect(results.filter((result) => !result.ok && result.reason === "throttled")).toHaveLength(25 - MAX_FAILURES);
  });

  it("does not count a successful sign-in as a failure", async () => {
    await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "ok@254carbon.com", role: "l1", password: "ok's long password" } });
    for (let i = 0; i < MAX_FAILURES + 2; i++) {
      const result = await signInWithPassword({ db: database.db, email: "ok@254carbon.com", password: "ok's long password", address: "10.8.0.1" });
      expect(result.ok).toBe(true);
    }
  });

  it("writes one audit row per lock, however often a locked account is tried", async () => {
    await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "hammer@254carbon.com", role: "l1", password: "hammer's long password" } });
    for (let i = 0; i < MAX_FAILURES + 30; i++) {
      await signInWithPassword({ db: database.db, email: "hammer@254carbon.com", password: `guess ${i}`, address: `10.11.${i}.1` });
    }
    const rows = await database.db.auditLog.findMany({ where: { action: "auth.sign-in", detail: { contains: "hammer@254carbon.com" } } });
    expect(rows.filter((row) => row.detail!.startsWith("wrong credentials"))).toHaveLength(MAX_FAILURES);
    expect(rows.filter((row) => row.detail!.startsWith("throttled"))).toHaveLength(1);
  });

  it("refuses over-long input without writing anything", async () => {
    const before = { failures: await database.db.signInFailure.count(), audit: await database.db.auditLog.count() };
    const longPassword = await signInWithPassword({ db: database.db, email: "lee@254carbon.com", password: "x".repeat(MAX_PASSWORD_LENGTH + 1), address: "10.12.0.1" });
    const longEmail = await signInWithPassword({ db: database.db, email: `${"a".repeat(300)}@254carbon.com`, password: "whatever", address: "10.12.0.1" });
    expect(longPassword).toEqual({ ok: false, reason: "invalid" });
    expect(longEmail).toEqual({ ok: false, reason: "invalid" });
    expect({ failures: await database.db.signInFailure.count(), audit: await database.db.auditLog.count() }).toEqual(before);
  });
});
