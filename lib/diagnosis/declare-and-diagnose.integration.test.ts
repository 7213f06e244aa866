import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { declareAndDiagnose } from "./declare-and-diagnose";

const BASE = "http://console.test";
const lena: Actor = { kind: "user", id: "u-lena", email: "lena.l1@254carbon.com", name: null, role: "l1" };

/**
 * "Declare and diagnose" from a runbook page: the browser's retry of an answer lost after the
 * commit must not make a second incident (a second page) or a second run.
 */
describe("declare and diagnose with one idempotency key (real PostgreSQL)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.user.create({ data: { id: "u-lena", email: lena.kind === "user" ? lena.email : "", role: "l1", passwordHash: "x" } });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("a repeat returns the same incident and the same run; without a key each press declares anew", async () => {
    const input = { procedure: "data-not-processing", title: "Ticks not processed", severity: "SEV2" as const, services: ["normalization-service"], idempotencyKey: "runbook-declare-0001" };
    const first = await declareAndDiagnose({ db: database.db, actor: lena, baseUrl: BASE, input });
    const again = await declareAndDiagnose({ db: database.db, actor: lena, baseUrl: BASE, input });
    expect(again).toEqual(first);
    expect(await database.db.incident.count({ where: { title: input.title } })).toBe(1);
    expect(await database.db.diagnosisRun.count({ where: { incidentId: first.incidentId } })).toBe(1);
    const run = await database.db.diagnosisRun.findUniqueOrThrow({ where: { id: first.runId } });
    expect(run).toMatchObject({ procedure: "data-not-processing", service: "normalization-service" });

    const { idempotencyKey: _unused, ...keyless } = { ...input, title: "Ticks not processed (no key)" };
    const a = await declareAndDiagnose({ db: database.db, actor: lena, baseUrl: BASE, input: keyless });
    const b = await declareAndDiagnose({ db: database.db, actor: lena, baseUrl: BASE, input: keyless });
    expect(a.incidentId).not.toBe(b.incidentId);
  });

  it("repeats racing each other (a double click, a retry while the first is still answering) make one incident and one run", async () => {
    const input = { procedure: "high-latency", title: "p99 above 400 ms", severity: "SEV3" as const, services: ["normalization-service"], idempotencyKey: "runbook-declare-race-0001" };
    const answers = await Promise.all(Array.from({ length: 4 }, () => declareAndDiagnose({ db: database.db, actor: lena, baseUrl: BASE, input })));
    expect(new Set(answers.map((answer) => `${answer.incidentId}/${answer.runId}`)).size).toBe(1);
    expect(await database.db.incident.count({ where: { title: input.title } })).toBe(1);
    expect(await database.db.diagnosisRun.count({ where: { incidentId: answers[0]!.incidentId } })).toBe(1);
    expect(await database.db.auditLog.count({ where: { action: "diagnosis.start", targetId: answers[0]!.incidentId } })).toBe(1);
  });

  it("refuses an unknown procedure and a malformed key before anything is written", async () => {
    const before = await database.db.incident.count();
    await expect(declareAndDiagnose({ db: database.db, actor: lena, baseUrl: BASE, input: { procedure: "data-not-processing", title: "Bad key", severity: "SEV3", idempotencyKey: "short" } })).rejects.toThrow(/idempotency key/);
    await expect(declareAndDiagnose({ db: database.db, actor: lena, baseUrl: BASE, input: { procedure: "no-such-procedure", title: "Unknown procedure", severity: "SEV3" } })).rejects.toThrow(/No runbook procedure 'no-such-procedure'; nothing was declared/);
    expect(await database.db.incident.count()).toBe(before);
  });
});
