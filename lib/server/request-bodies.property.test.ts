import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { declareIncidentInput } from "@/lib/incidents/declare-incident";
import { addNoteInput } from "@/lib/incidents/add-note";
import { editNoteInput } from "@/lib/incidents/edit-note";
import { escalateInput } from "@/lib/incidents/escalate-incident";
import { changeStatusInput } from "@/lib/incidents/change-status";
import { tickChecklistInput } from "@/lib/incidents/tick-checklist";
import { runStepInput } from "@/lib/diagnosis/run-step";
import { startRunInput } from "@/lib/diagnosis/start-run";
import { operationRequest } from "@/lib/operations/request";
import { readJson } from "./api-route";

/**
 * Every body a person or script sends to a write (API route or server action) meets its zod
 * schema first. Whatever arrives — any JSON, any text, a valid body with one field replaced
 * by anything — the answer is the parsed input or a 400 with a message, never another error
 * (which would be a 500 with an error id). Fixed seed: a failure reproduces.
 */
const SEED = 20261203;
const RUNS = 2_000;

/** A valid body per schema, the starting point of near-valid mutations. */
const BODIES: { name: string; schema: z.ZodType; valid: Record<string, unknown> }[] = [
  { name: "declare", schema: declareIncidentInput, valid: { title: "Ticks stuck", severity: "SEV2", services: [], idempotencyKey: "declare-0001" } },
  { name: "note", schema: addNoteInput, valid: { body: "lag grows", idempotencyKey: "note-00001" } },
  { name: "note edit", schema: editNoteInput, valid: { eventId: "12", body: "lag grows faster" } },
  { name: "escalate (the hand-off)", schema: escalateInput, valid: { note: "Need L2", hypothesis: "broker 2", openQuestions: ["why?"] } },
  { name: "status", schema: changeStatusInput, valid: { status: "identified" } },
  { name: "checklist tick", schema: tickChecklistInput, valid: { itemId: "item-1", done: true } },
  { name: "run step params", schema: runStepInput, valid: { params: { minutes: 5 }, answer: "yes", ticked: ["a"], reason: "faster" } },
  { name: "start run", schema: startRunInput, valid: { procedure: "data-not-processing", service: "normalization-service" } },
  { name: "operation", schema: operationRequest, valid: { kind: "rollout-restart", target: "normalization-service", params: {}, dryRun: true } },
];

/** Anything JSON can carry, including the shapes that break naive code. */
const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(null, "", 0, -1, 1e308, [], {}, { __proto__: { polluted: true } }, { constructor: { prototype: { polluted: true } } }, "\u0000", "\u202E", "x".repeat(100_000)),
);

/** A valid body with one field replaced, removed, or one unknown field added. */
const nearValid = (valid: Record<string, unknown>) =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...Object.keys(valid)), anyJson).map(([key, value]) => ({ ...valid, [key]: value })),
    fc.constantFrom(...Object.keys(valid)).map((key) => Object.fromEntries(Object.entries(valid).filter(([name]) => name !== key))),
    fc.tuple(fc.string({ maxLength: 20 }), anyJson).map(([key, value]) => ({ ...valid, [key]: value })),
  );

/** What a user gets: the parsed input, or a 400 whose message says what to change. */
function expectParsedOr400(outcome: () => unknown) {
  try {
    return { parsed: outcome() };
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).userMessage.trim().length).toBeGreaterThan(3);
    return { refused: error as AppError };
  }
}

describe.each(BODIES)("the $name body", ({ schema, valid }) => {
  it("the valid example parses (the generators start from something real)", () => {
    expect(expectParsedOr400(() => validate(schema, valid))).toHaveProperty("parsed");
  });

  it("any JSON or a mutated body is parsed or refused with a 400 and a message (server actions)", () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, nearValid(valid)), (body) => {
        expectParsedOr400(() => validate(schema, body));
        // Parsing never writes through to shared prototypes.
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("any request body text is parsed or refused with a 400 and a message (API routes)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), anyJson.map((value) => JSON.stringify(value)), nearValid(valid).map((value) => JSON.stringify(value))), async (text) => {
        const request = new Request("http://console.test/api/v1/x", { method: "POST", body: text, headers: { "content-type": "application/json" } });
        try {
          await readJson(request, schema);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).status).toBe(400);
          expect((error as AppError).userMessage).toMatch(/\w{3}/);
        }
      }),
      { seed: SEED, numRuns: RUNS / 2 },
    );
  });
});

describe("what a parsed body promises the use case", () => {
  it("a declaration that parses has a trimmed title of 3–200 characters and a known severity", () => {
    fc.assert(
      fc.property(fc.record({ title: fc.string({ maxLength: 300 }), severity: fc.constantFrom("SEV1", "SEV2", "SEV3", "SEV4", "SEV5", "sev1"), services: fc.array(fc.string(), { maxLength: 60 }) }), (body) => {
        const outcome = expectParsedOr400(() => validate(declareIncidentInput, body));
        if ("parsed" in outcome) {
          const input = outcome.parsed as z.output<typeof declareIncidentInput>;
          expect(input.title).toBe(input.title.trim());
          expect(input.title.length).toBeGreaterThanOrEqual(3);
          expect(input.title.length).toBeLessThanOrEqual(200);
          expect(["SEV1", "SEV2", "SEV3", "SEV4"]).toContain(input.severity);
          expect(input.services.length).toBeLessThanOrEqual(50);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("a note or hand-off that parses is not empty and within its limit", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 50 }), fc.string({ minLength: 19_990, maxLength: 20_010 }), fc.constantFrom(" ", "\n\t ", "\u00a0")), (text) => {
        const note = expectParsedOr400(() => validate(addNoteInput, { body: text }));
        if ("parsed" in note) expect((note.parsed as { body: string }).body.trim().length).toBeGreaterThan(0);
        if ("parsed" in note) expect((note.parsed as { body: string }).body.length).toBeLessThanOrEqual(20_000);
        const handoff = expectParsedOr400(() => validate(escalateInput, { note: text }));
        if ("parsed" in handoff) expect((handoff.parsed as { note: string }).note.length).toBeLessThanOrEqual(5_000);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("an operation executes only with a confirmation and a well-formed idempotency key", () => {
    fc.assert(
      fc.property(
        fc.record({ kind: fc.constant("rollout-restart"), target: fc.string({ minLength: 1, maxLength: 20 }), dryRun: fc.option(fc.boolean(), { nil: undefined }), confirm: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), idempotencyKey: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }) }, { requiredKeys: ["kind", "target"] }),
        (body) => {
          const outcome = expectParsedOr400(() => validate(operationRequest, body));
          if ("parsed" in outcome && (outcome.parsed as { dryRun?: boolean }).dryRun !== true) {
            const parsed = outcome.parsed as { confirm?: string; idempotencyKey?: string };
            expect(parsed.confirm).toBeDefined();
            expect(parsed.idempotencyKey).toMatch(/^[A-Za-z0-9_.:-]{8,200}$/);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
