import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { declareIncident } from "./declare-incident";

const BASE = "http://console.test";
const lena: Actor = { kind: "user", id: "u-lena", email: "lena.l1@254carbon.com", name: null, role: "l1" };
const sam: Actor = { kind: "user", id: "u-sam", email: "sam.l1@254carbon.com", name: null, role: "l1" };

/**
 * The client's retry hook repeats a declaration whose answer was lost; without a key, each
 * repeat was a second incident (a second page to L3 for an emergency).
 */
describe("declaring an incident twice with one idempotency key (real PostgreSQL)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    for (const actor of [lena, sam]) {
      if (actor.kind === "user") await database.db.user.create({ data: { id: actor.id, email: actor.email, role: "l1", passwordHash: "x" } });
    }
  });
  afterAll(async () => {
    await database.drop();
  });

  const countTitled = (title: string) => database.db.incident.count({ where: { title } });
  const auditsOf = (incidentId: string) => database.db.auditLog.count({ where: { action: "incident.declare", targetId: incidentId } });

  it("a repeat returns the first incident and writes nothing more", async () => {
    const input = { title: "Ticks stuck in normalization", severity: "SEV2" as const, idempotencyKey: "declare-retry-0001" };
    const first = await declareIncident({ db: database.db, actor: lena, baseUrl: BASE, input });
    const again = await declareIncident({ db: database.db, actor: lena, baseUrl: BASE, input });
    expect(first.repeated).toBe(false);
    expect(again).toMatchObject({ id: first.id, number: first.number, repeated: true });
    expect(await countTitled(input.title)).toBe(1);
    expect(await database.db.timelineEvent.count({ where: { incidentId: first.id, kind: "declared" } })).toBe(1);
    expect(await auditsOf(first.id)).toBe(1);
  });

  it("an emergency repeated while the first is still being written pages L3 once", async () => {
    const input = { title: "Data loss in market_ticks", severity: "SEV1" as const, emergency: "data-loss" as const, idempotencyKey: "declare-race-0001" };
    const attempts = await Promise.all(Array.from({ length: 5 }, () => declareIncident({ db: database.db, actor: lena, baseUrl: BASE, input })));
    expect(new Set(attempts.map((incident) => incident.id)).size).toBe(1);
    expect(attempts.filter((incident) => !incident.repeated)).toHaveLength(1);
    expect(await countTitled(input.title)).toBe(1);
    expect(await database.db.handoff.count({ where: { incidentId: attempts[0]!.id } })).toBe(1);
    expect(await database.db.notification.count({ where: { incidentId: attempts[0]!.id } })).toBe(1);
  });

  it("the key is the declarer's own: another person's same key declares their own incident", async () => {
    const input = { title: "Redis evicting keys", severity: "SEV3" as const, idempotencyKey: "declare-shared-0001" };
    const mine = await declareIncident({ db: database.db, actor: lena, baseUrl: BASE, input });
    const theirs = await declareIncident({ db: database.db, actor: sam, baseUrl: BASE, input });
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.repeated).toBe(false);
  });

  it("without a key every declaration is a new incident", async () => {
    const input = { title: "Two separate outages", severity: "SEV4" as const };
    await declareIncident({ db: database.db, actor: lena, baseUrl: BASE, input });
    await declareIncident({ db: database.db, actor: lena, baseUrl: BASE, input });
    expect(await countTitled(input.title)).toBe(2);
  });

  it("a malformed key is a 400 with a message, and nothing is written", async () => {
    const title = "Bad key declaration";
    const attempt = declareIncident({ db: database.db, actor: lena, baseUrl: BASE, input: { title, severity: "SEV4", idempotencyKey: "short" } });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "bad_request", userMessage: expect.stringMatching(/idempotency key/i) });
    expect(await countTitled(title)).toBe(0);
  });
});
