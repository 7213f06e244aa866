import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { addNote, addNoteInput } from "./add-note";
import { changeStatus, changeStatusInput } from "./change-status";
import { declareIncident, declareIncidentInput } from "./declare-incident";
import { editNote, editNoteInput } from "./edit-note";
import { escalateIncident, escalateInput } from "./escalate-incident";
import { tickChecklist, tickChecklistInput } from "./tick-checklist";

const SEED = 20261203;
const BASE = "http://console.test";
const lena: Actor = { kind: "user", id: "u-fuzz-l1", email: "fuzz.l1@254carbon.com", name: null, role: "l1" };

/**
 * Invalid input to every incident write, generated: a 400 with a message and not one row
 * written — no incident, timeline entry, hand-off, notification, checklist tick or audit row
 * (real PostgreSQL; the schemas themselves are fuzzed by the thousand in
 * lib/server/request-bodies.property.test.ts).
 */
describe("invalid input to incident writes (real PostgreSQL)", () => {
  let database: TestDatabase;
  let incidentId = "";
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.user.create({ data: { id: "u-fuzz-l1", email: "fuzz.l1@254carbon.com", role: "l1", passwordHash: "x" } });
    incidentId = (await declareIncident({ db: database.db, actor: lena, baseUrl: BASE, input: { title: "Fuzz target", severity: "SEV1", emergency: "service-outage" } })).id;
  });
  afterAll(async () => {
    await database.drop();
  });

  const rowCounts = async () => ({
    incidents: await database.db.incident.count(),
    timeline: await database.db.timelineEvent.count(),
    handoffs: await database.db.handoff.count(),
    notifications: await database.db.notification.count(),
    checklistDone: await database.db.checklistItem.count({ where: { doneAt: { not: null } } }),
    audit: await database.db.auditLog.count(),
  });

  const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(null, "", [], {}, "x".repeat(30_000), -1, 1e308));
  /** Bodies the schema refuses: anything, or a valid body with one field replaced by anything. */
  const invalidFor = (schema: z.ZodType, valid: Record<string, unknown>) =>
    fc
      .oneof(anyJson, fc.tuple(fc.constantFrom(...Object.keys(valid)), anyJson).map(([key, value]) => ({ ...valid, [key]: value })))
      .filter((body) => !schema.safeParse(body).success);

  const WRITES: { name: string; schema: z.ZodType; valid: Record<string, unknown>; write: (input: never) => Promise<unknown> }[] = [
    { name: "declare", schema: declareIncidentInput, valid: { title: "Ticks stuck", severity: "SEV2" }, write: (input) => declareIncident({ db: database.db, actor: lena, baseUrl: BASE, input }) },
    { name: "note", schema: addNoteInput, valid: { body: "lag grows" }, write: (input) => addNote({ db: database.db, actor: lena, incidentId, input }) },
    { name: "note edit", schema: editNoteInput, valid: { eventId: "1", body: "lag grows" }, write: (input) => editNote({ db: database.db, actor: lena, incidentId, input }) },
    { name: "escalate", schema: escalateInput, valid: { note: "Need L2" }, write: (input) => escalateIncident({ db: database.db, actor: lena, incidentId, baseUrl: BASE, input }) },
    { name: "status", schema: changeStatusInput, valid: { status: "identified" }, write: (input) => changeStatus({ db: database.db, actor: lena, incidentId, input }) },
    { name: "checklist tick", schema: tickChecklistInput, valid: { itemId: "x", done: true }, write: (input) => tickChecklist({ db: database.db, actor: lena, incidentId, input }) },
  ];

  it.each(WRITES)("$name: a 400 with a message, and nothing written", async ({ schema, valid, write }) => {
    const before = await rowCounts();
    await fc.assert(
      fc.asyncProperty(invalidFor(schema, valid), async (body) => {
        const outcome = await write(body as never).then(
          () => null,
          (error: unknown) => error,
        );
        expect(outcome).toBeInstanceOf(AppError);
        expect((outcome as AppError).status).toBe(400);
        expect((outcome as AppError).userMessage).toMatch(/\w{3}/);
      }),
      { seed: SEED, numRuns: 150 },
    );
    expect(await rowCounts()).toEqual(before);
  });
});
