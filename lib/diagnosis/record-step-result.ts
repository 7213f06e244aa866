import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { actorLabel } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { announceNotified, INCIDENT_CHANNEL } from "@/lib/incidents/live/timeline-bus";
import { evidenceEntry, type Evidence } from "@/lib/incidents/record-evidence";

/** What a finished step writes: its result, where the run goes next, and what lands on the timeline. */
export interface StepResultWrite {
  actor: Actor;
  incidentId: string;
  runId: string;
  /** the claimed row ("running") this result completes */
  resultId: bigint;
  result: { verdict: string; summary: string; data: unknown; answer: string | null; branchTo: string; branchReason: string; durationMs: number; finishedAt: Date };
  run: { nextStep: string | null; nextReason: string; state: "active" | "finished" };
  /** the step's evidence entry (null: none, e.g. a checklist) */
  evidence: Evidence | null;
  /** checklist lines ticked by this press: one timeline entry each, and one audit row for all */
  checklist: { entries: { body: string; data: unknown }[]; audit: unknown } | null;
}

/**
 * Writes a finished step in ONE statement: the result (linked to its evidence entry), the
 * run's next step, the evidence or checklist entries on the timeline and their audit rows.
 * One statement is one round trip and atomic (all of it or, on any error, none of it, which
 * the caller reports); the Prisma equivalent is an interactive transaction of five to seven
 * round trips, which was most of what a step added to the check it runs (`npm run bench -- steps`).
 * The entries' content comes from the evidence use case (evidenceEntry), so they read the
 * same as evidence captured any other way. The statement also tells live viewers (NOTIFY).
 */
export async function recordStepResult(db: Db, write: StepResultWrite): Promise<void> {
  const { actor, incidentId, runId, resultId, result, run, evidence, checklist } = write;
  const entries: { kind: string; body: string; data: unknown }[] = [];
  const audits: { action: string; after: unknown }[] = [];
  if (evidence) {
    const entry = evidenceEntry(evidence);
    entries.push(entry.timeline);
    audits.push(entry.audit);
  }
  if (checklist?.entries.length) {
    entries.push(...checklist.entries.map((entry) => ({ kind: "checklist", ...entry })));
    audits.push({ action: "diagnosis.checklist", after: checklist.audit });
  }

  const author = actorLabel(actor);
  const authorId = actor.kind === "user" ? actor.id : null;
  const auditActorId = actor.kind === "system" ? null : actor.id;
  // Timestamps are stored as UTC in `timestamp(3)` columns (Prisma's convention), whatever the session's time zone.
  const updated = await db.$queryRaw<{ id: bigint }[]>`
    WITH claimed AS (
      SELECT id FROM "DiagnosisStepResult" WHERE id = ${resultId} FOR UPDATE
    ), entries AS (
      INSERT INTO "TimelineEvent" ("incidentId", kind, "authorId", author, body, data)
      SELECT ${incidentId}::text, entry.kind::"TimelineKind", ${authorId}::text, ${author}::text, entry.body, entry.data
      FROM claimed, jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) AS entry(kind text, body text, data jsonb)
      RETURNING id, kind
    ), audits AS (
      INSERT INTO "AuditLog" ("actorId", actor, action, outcome, "targetType", "targetId", after)
      SELECT ${auditActorId}::text, ${author}::text, audit.action, 'ok', 'incident', ${incidentId}::text, audit.after
      FROM claimed, jsonb_to_recordset(${JSON.stringify(audits)}::jsonb) AS audit(action text, after jsonb)
    ), run AS (
      UPDATE "DiagnosisRun"
      SET "nextStep" = ${run.nextStep}::text, "nextReason" = ${run.nextReason}::text, state = ${run.state}::text, "updatedAt" = (now() AT TIME ZONE 'UTC')
      WHERE id = ${runId}::text AND EXISTS (SELECT 1 FROM claimed)
    ), notified AS (
      -- Delivered on commit, like announceChange's NOTIFY after a transaction.
      SELECT pg_notify(${INCIDENT_CHANNEL}::text, ${incidentId}::text) FROM claimed
    )
    UPDATE "DiagnosisStepResult"
    SET status = 'done', verdict = ${result.verdict}::text, summary = ${result.summary}::text, data = ${JSON.stringify(result.data)}::jsonb,
        answer = ${result.answer}::text, "branchTo" = ${result.branchTo}::text, "branchReason" = ${result.branchReason}::text,
        "durationMs" = ${result.durationMs}::int, "finishedAt" = (${result.finishedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'),
        "timelineEventId" = (SELECT id FROM entries WHERE kind = 'evidence')
    WHERE id = (SELECT id FROM claimed) AND EXISTS (SELECT 1 FROM notified)
    RETURNING id`;
  // Only when the run was deleted under the step (its incident deleted): then nothing above was written.
  if (updated.length === 0) throw new AppError("not_found", "This run no longer exists (its incident was deleted); the step's result was not recorded.");
  announceNotified(incidentId);
}
