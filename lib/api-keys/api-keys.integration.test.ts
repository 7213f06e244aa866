import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { authenticateApiKey } from "./authenticate-api-key";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";

describe("API keys (real PostgreSQL)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("stores only a hash, authenticates the full key with its role, and audits creation", async () => {
    const created = await createApiKey({ db: database.db, actor: SYSTEM_ACTOR, input: { name: "grafana", role: "viewer" } });
    const row = await database.db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(created.key).toMatch(/^ick_[A-Za-z0-9]{12}_/);
    expect(created.key).not.toContain(row.secretHash);
    expect(JSON.stringify(row)).not.toContain(created.key.split("_").slice(2).join("_"));
    expect(await authenticateApiKey(database.db, created.key)).toEqual({ kind: "api-key", id: created.id, name: "grafana", role: "viewer" });
    expect((await database.db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toBeInstanceOf(Date);
    const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: "api-key.create", targetId: created.id } });
    expect(JSON.stringify(audit.after)).not.toContain(created.key);
  });

  it("rejects a wrong secret, a malformed key, a revoked key and an expired key", async () => {
    const created = await createApiKey({ db: database.db, actor: SYSTEM_ACTOR, input: { name: "script", role: "l1" } });
    const tampered = created.key.slice(0, -3) + (created.key.endsWith("AAA") ? "BBB" : "AAA");
    expect(await authenticateApiKey(database.db, tampered)).toBeNull();
    expect(await authenticateApiKey(database.db, "Bearer nonsense")).toBeNull();

    await revokeApiKey({ db: database.db, actor: SYSTEM_ACTOR, id: created.id });
    expect(await authenticateApiKey(database.db, created.key)).toBeNull();

    const expiring = await createApiKey({ db: database.db, actor: SYSTEM_ACTOR, input: { name: "short", role: "viewer", expiresInDays: 1 } });
    expect(await authenticateApiKey(database.db, expiring.key)).not.toBeNull();
    expect(await authenticateApiKey(database.db, expiring.key, new Date(Date.now() + 2 * 86_400_000))).toBeNull();
  });
});
