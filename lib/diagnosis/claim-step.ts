import "server-only";
import type { Db } from "@/lib/db/client";
import { announceNotified, INCIDENT_CHANNEL } from "@/lib/incidents/live/timeline-bus";

/** The row a press claims: its attempt of the step, "running" until its result is written. */
export interface StepClaim {
  incidentId: string;
  runId: string;
  step: string;
  attempt: number;
  params: Record<string, unknown> | null;
  offPathFrom: string | null;
  offPathReason: string | null;
  ranBy: string;
  ranById: string | null;
  startedAt: Date;
}

/**
 * Claims a step for one press in ONE statement: inserts its attempt as "running" and tells
 * live viewers (NOTIFY, delivered on commit) that it runs. The unique (run, step, attempt)
 * decides between presses that read the same results: one gets the row's id, the others
 * `null` (ON CONFLICT DO NOTHING), and are told who has it. Only a step still running after
 * run-step.ts's CLAIM_AFTER_MS is claimed, while it runs; a quicker one is inserted done by
 * its result's statement (record-step-result.ts) under the same unique key.
 */
export async function claimStep(db: Db, claim: StepClaim): Promise<bigint | null> {
  const params = claim.params === null ? null : JSON.stringify(claim.params);
  // Timestamps are stored as UTC in `timestamp(3)` columns (Prisma's convention), whatever the session's time zone.
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    WITH claimed AS (
      INSERT INTO "DiagnosisStepResult" ("runId", step, attempt, status, params, "offPathFrom", "offPathReason", "ranBy", "ranById", "startedAt")
      VALUES (${claim.runId}::text, ${claim.step}::text, ${claim.attempt}::int, 'running', ${params}::jsonb, ${claim.offPathFrom}::text, ${claim.offPathReason}::text,
              ${claim.ranBy}::text, ${claim.ranById}::text, (${claim.startedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'))
      ON CONFLICT ("runId", step, attempt) DO NOTHING
      RETURNING id
    ), notified AS (
      SELECT pg_notify(${INCIDENT_CHANNEL}::text, ${claim.incidentId}::text) FROM claimed
    )
    SELECT id FROM claimed WHERE EXISTS (SELECT 1 FROM notified)`;
  const id = rows[0]?.id ?? null;
  if (id !== null) announceNotified(claim.incidentId);
  return id === null ? null : BigInt(id);
}
