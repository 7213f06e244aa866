import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { SYSTEM_ACTOR } from "./actor";
import { createUser } from "@/lib/users/create-user";
import { ssoSignIn } from "./sso-sign-in";

describe("single sign-on (real PostgreSQL)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "ada@254carbon.com", role: "admin", password: "a long enough password" } });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("refuses an email the provider has not verified, even for an existing account, and audits it", async () => {
    const profile = { id: "sub-1", email: "ADA@254carbon.com", name: "Mallory" };
    expect(await ssoSignIn(database.db, profile, "viewer")).toBe(false);
    expect(await ssoSignIn(database.db, { ...profile, emailVerified: false }, "viewer")).toBe(false);
    expect(profile.id).toBe("sub-1");
    const refusals = await database.db.auditLog.findMany({ where: { action: "auth.sign-in", outcome: "denied" } });
    expect(refusals.map((row) => row.detail)).toEqual(["single sign-on: ada@254carbon.com is not verified by the provider", "single sign-on: ada@254carbon.com is not verified by the provider"]);
  });

  it("refuses a disabled account and audits the refusal", async () => {
    await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "gone@254carbon.com", role: "l1", password: "a long enough password" } });
    await database.db.user.update({ where: { email: "gone@254carbon.com" }, data: { disabledAt: new Date() } });
    expect(await ssoSignIn(database.db, { id: "sub-2", email: "gone@254carbon.com", emailVerified: true }, "viewer")).toBe(false);
    expect(await database.db.auditLog.count({ where: { outcome: "denied", detail: "single sign-on: gone@254carbon.com is disabled" } })).toBe(1);
  });

  it("signs in a verified email as its account, and creates a new one with the default role", async () => {
    const existing = { id: "sub-3", email: "ada@254carbon.com", emailVerified: true };
    expect(await ssoSignIn(database.db, existing, "viewer")).toBe(true);
    expect(existing.id).toBe((await database.db.user.findUniqueOrThrow({ where: { email: "ada@254carbon.com" } })).id);
    expect(await ssoSignIn(database.db, { id: "sub-4", email: "new@254carbon.com", emailVerified: true }, "l1")).toBe(true);
    expect((await database.db.user.findUniqueOrThrow({ where: { email: "new@254carbon.com" } })).role).toBe("l1");
  });
});
