import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { actorLabel, auditRow } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { announceNotified, INCIDENT_CHANNEL } from "@/lib/incidents/live/timeline-bus";
import { evidenceEntry, type Evidence } from "@/lib/incidents/record-evidence";
import type { StepClaim } from "./claim-step";

/** What a finished step writes: its result, where the run goes next, and what lands on the timeline. */
export interface StepResultWrite {
  actor: Actor;
  incidentId: string;
  runId: string;
  result: { verdict: string; summary: string; data: unknown; answer: string | null; branchTo: string; branchReason: string; durationMs: number; finishedAt: Date };
  run: { nextStep: string | null; nextReason: string; state: "active" | "finished" };
  /** the step's evidence entry (null: none, e.g. a checklist) */
  evidence: Evidence | null;
  /** checklist lines ticked by this press: one timeline entry each, and one audit row for all */
  checklist: { entries: { body: string; data: unknown }[]; audit: unknown } | null;
}

/**
 * Which row the result is: the claimed row ("running") it completes, or — a step that
 * finished before it needed a claim (run-step.ts) — the claim itself, inserted done.
 */
export type ResultRow = { resultId: bigint } | { claim: Omit<StepClaim, "incidentId"> };

/**
 * Writes a finished step in ONE statement: the result (linked to its evidence entry), the
 * run's next step, the evidence or checklist entries on the timeline and their audit rows.
 * One statement is one round trip and atomic (all of it or, on any error, none of it, which
 * the caller reports); the Prisma equivalent is an interactive transaction of five to seven
 * round trips, which was most of what a step added to the check it runs (`npm run bench -- steps`).
 * The entries' content comes from the evidence use case (evidenceEntry) and the audit rows'
 * columns from the audit log's own mapping (auditRow), so they read the same as evidence
 * and audit written any other way. The statement also tells live viewers (NOTIFY).
 *
 * Given a claim instead of a claimed row, the result is inserted under the unique (run, step,
 * attempt) and nothing else is written when another press holds that attempt: the answer is
 * then `null`, as a lost claim is (claimStep).
 */
export async function recordStepResult(db: Db, write: StepResultWrite & ResultRow): Promise<bigint | null> {
  const { actor, incidentId, runId, result, run, evidence, checklist } = write;
  const entries: { kind: string; body: string; data: unknown }[] = [];
  const audits: ReturnType<typeof auditRow>[] = [];
  const audit = (action: string, after: unknown) => auditRow({ actor, action, outcome: "ok", targetType: "incident", targetId: incidentId, after: after as Prisma.InputJsonValue });
  if (evidence) {
    const entry = evidenceEntry(evidence);
    entries.push(entry.timeline);
    audits.push(audit(entry.audit.action, entry.audit.after));
  }
  if (checklist?.entries.length) {
    entries.push(...checklist.entries.map((entry) => ({ kind: "checklist", ...entry })));
    audits.push(audit("diagnosis.checklist", checklist.audit));
  }

  const author = actorLabel(actor);
  const authorId = actor.kind === "user" ? actor.id : null;
  // Timestamps are stored as UTC in `timestamp(3)` columns (Prisma's convention), whatever the session's time zone.
  const utc = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  // The evidence entry's id is taken before the result row is written, so one statement can link them.
  const timelineIds = Prisma.sql`pg_get_serial_sequence('"TimelineEvent"', 'id')`;
  const done = Prisma.sql`${result.verdict}::text, ${result.summary}::text, ${JSON.stringify(result.data)}::jsonb, ${result.answer}::text, ${result.branchTo}::text,
    ${result.branchReason}::text, ${result.durationMs}::int, ${utc(result.finishedAt)}`;
  const claimed =
    "resultId" in write
      ? Prisma.sql`SELECT id FROM "DiagnosisStepResult" WHERE id = ${write.resultId} FOR UPDATE`
      : Prisma.sql`INSERT INTO "DiagnosisStepResult" ("runId", step, attempt, status, params, "offPathFrom", "offPathReason", "ranBy", "ranById", "startedAt",
          verdict, summary, data, answer, "branchTo", "branchReason", "durationMs", "finishedAt", "timelineEventId")
        SELECT run.id, ${write.claim.step}::text, ${write.claim.attempt}::int, 'done', ${write.claim.params === null ? null : JSON.stringify(write.claim.params)}::jsonb,
          ${write.claim.offPathFrom}::text, ${write.claim.offPathReason}::text, ${write.claim.ranBy}::text, ${write.claim.ranById}::text, ${utc(write.claim.startedAt)},
          ${done}, ids.evidence
        FROM ids, "DiagnosisRun" run WHERE run.id = ${runId}::text
        ON CONFLICT ("runId", step, attempt) DO NOTHING
        RETURNING id`;
  const completed =
    "resultId" in write
      ? Prisma.sql`UPDATE "DiagnosisStepResult"
        SET status = 'done', (verdict, summary, data, answer, "branchTo", "branchReason", "durationMs", "finishedAt") = (${done}), "timelineEventId" = (SELECT evidence FROM ids)
        WHERE id = (SELECT id FROM claimed) AND EXISTS (SELECT 1 FROM notified)
        RETURNING id`
      : Prisma.sql`SELECT id FROM claimed WHERE EXISTS (SELECT 1 FROM notified)`;
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    WITH ids AS (
      SELECT CASE WHEN ${evidence !== null}::boolean THEN nextval(${timelineIds}) END AS evidence
    ), claimed AS (
      ${claimed}
    ), entries AS (
      INSERT INTO "TimelineEvent" (id, "incidentId", kind, "authorId", author, body, data)
      SELECT COALESCE(CASE WHEN entry.kind = 'evidence' THEN ids.evidence END, nextval(${timelineIds})), ${incidentId}::text, entry.kind::"TimelineKind", ${authorId}::text, ${author}::text, entry.body, entry.data
      FROM claimed, ids, jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) AS entry(kind text, body text, data jsonb)
    ), audits AS (
      INSERT INTO "AuditLog" ("actorId", actor, action, outcome, "targetType", "targetId", before, after, detail)
      SELECT audit."actorId", audit.actor, audit.action, audit.outcome, audit."targetType", audit."targetId", audit.before, audit.after, audit.detail
      FROM claimed, jsonb_to_recordset(${JSON.stringify(audits)}::jsonb) AS audit("actorId" text, actor text, action text, outcome text, "targetType" text, "targetId" text, before jsonb, after jsonb, detail text)
    ), run AS (
      UPDATE "DiagnosisRun"
      SET "nextStep" = ${run.nextStep}::text, "nextReason" = ${run.nextReason}::text, state = ${run.state}::text, "updatedAt" = (now() AT TIME ZONE 'UTC')
      WHERE id = ${runId}::text AND EXISTS (SELECT 1 FROM claimed)
    ), notified AS (
      -- Delivered on commit, like announceChange's NOTIFY after a transaction.
      SELECT pg_notify(${INCIDENT_CHANNEL}::text, ${incidentId}::text) FROM claimed
    )
    ${completed}`;
  const id = rows[0]?.id ?? null;
  if (id === null) {
    // A claimed row gone: the run was deleted under the step (its incident deleted), and nothing above was written.
    if ("resultId" in write) throw new AppError("not_found", "This run no longer exists (its incident was deleted); the step's result was not recorded.");
    return null;
  }
  announceNotified(incidentId);
  return BigInt(id);
}
