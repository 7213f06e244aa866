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
 * `null` (ON CONFLICT DO NOTHING), and are told who has it. It runs while the step already
 * runs (run-step.ts), so its cost is mostly hidden; a Prisma `create` plus a NOTIFY cost twice
 * the round trips and, on a busy machine, most of the check's time.
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
