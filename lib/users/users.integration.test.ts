import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { createUser } from "./create-user";
import { needsSetup, setupFirstAdmin } from "./setup-first-admin";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { signInWithPassword } from "@/lib/auth/sign-in";
import type { Actor } from "@/lib/auth/actor";
import { changeUserRole } from "./change-role";
import { setUserDisabled } from "./disable-user";
import { resetPassword } from "./reset-password";

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

  it("cuts a person off: disabled, they cannot sign in and the keys they made stop working; enabled, both work again", async () => {
    const admin = await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "boss@254carbon.com", role: "admin", password: "boss's long password" } });
    const adminActor: Actor = { kind: "user", ...admin };
    const leaver = await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "leaver@254carbon.com", role: "admin", password: "leaver's password" } });
    const key = await createApiKey({ db: database.db, actor: { kind: "user", ...leaver }, input: { name: "leaver-script", role: "l1" } });
    expect(await authenticateApiKey(database.db, key.key)).not.toBeNull();

    await setUserDisabled({ db: database.db, actor: adminActor, email: "Leaver@254carbon.com", disabled: true });
    expect(await authenticateApiKey(database.db, key.key)).toBeNull();
    expect(await signInWithPassword({ db: database.db, email: "leaver@254carbon.com", password: "leaver's password", address: "10.20.0.1" })).toEqual({ ok: false, reason: "invalid" });

    await setUserDisabled({ db: database.db, actor: adminActor, email: "leaver@254carbon.com", disabled: false });
    expect(await authenticateApiKey(database.db, key.key)).not.toBeNull();
    const audit = await database.db.auditLog.findMany({ where: { targetId: leaver.id, action: { in: ["user.disable", "user.enable"] } }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, row.actor])).toEqual([["user.disable", "boss@254carbon.com"], ["user.enable", "boss@254carbon.com"]]);
  });

  it("changes a role, resets a password, and never leaves the console without an active administrator", async () => {
    const boss = await database.db.user.findUniqueOrThrow({ where: { email: "boss@254carbon.com" } });
    const bossActor: Actor = { kind: "user", id: boss.id, email: boss.email, name: boss.name, role: boss.role };
    await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "oncall@254carbon.com", role: "l1", password: "oncall's password" } });
    expect(await changeUserRole({ db: database.db, actor: bossActor, email: "oncall@254carbon.com", role: "l2" })).toEqual({ email: "oncall@254carbon.com", role: "l2" });
    expect((await database.db.user.findUniqueOrThrow({ where: { email: "oncall@254carbon.com" } })).role).toBe("l2");

    const reset = await resetPassword({ db: database.db, actor: bossActor, email: "oncall@254carbon.com" });
    expect(reset.generated).toBe(true);
    expect(await signInWithPassword({ db: database.db, email: "oncall@254carbon.com", password: "oncall's password", address: "10.21.0.1" })).toMatchObject({ ok: false });
    expect(await signInWithPassword({ db: database.db, email: "oncall@254carbon.com", password: reset.password, address: "10.21.0.1" })).toMatchObject({ ok: true });
    await expect(resetPassword({ db: database.db, actor: bossActor, email: "oncall@254carbon.com", password: "short" })).rejects.toMatchObject({ code: "bad_request" });

    await expect(setUserDisabled({ db: database.db, actor: bossActor, email: "boss@254carbon.com", disabled: true })).rejects.toMatchObject({ code: "conflict" });
    // Demote every other admin, then the last one cannot be demoted.
    const admins = await database.db.user.findMany({ where: { role: "admin", disabledAt: null, NOT: { id: boss.id } } });
    for (const other of admins) await changeUserRole({ db: database.db, actor: bossActor, email: other.email, role: "viewer" });
    await expect(changeUserRole({ db: database.db, actor: SYSTEM_ACTOR, email: "boss@254carbon.com", role: "l3" })).rejects.toMatchObject({
      code: "conflict",
      userMessage: expect.stringContaining("last active administrator"),
    });
    await expect(changeUserRole({ db: database.db, actor: bossActor, email: "nobody@254carbon.com", role: "l3" })).rejects.toMatchObject({ code: "not_found" });
  });
});
