import "server-only";
import type { Db } from "@/lib/db/client";
import type { DiagnosisStepResult } from "@/lib/db/generated/client";
import type { RunHead } from "./run-heads";

/** A result row as json_agg gives it: bigints as numbers, timestamps as ISO text without a zone. */
type ResultRowJson = Omit<DiagnosisStepResult, "id" | "timelineEventId" | "startedAt" | "finishedAt"> & {
  id: number | string;
  timelineEventId: number | string | null;
  startedAt: string;
  finishedAt: string | null;
};

/** `timestamp(3)` columns hold UTC (Prisma's convention); to_json prints them without a zone. */
const utc = (text: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);

/**
 * A run's head and every result of it, oldest first, in ONE query: what a press of a step
 * reads before it runs (run-step.ts). Prisma's findUnique and findMany side by side cost
 * two round trips and about twice the work on the event loop (`npm run bench -- steps`).
 * Null when there is no such run.
 */
export async function readRunForStep(db: Db, runId: string): Promise<{ head: RunHead; results: DiagnosisStepResult[] } | null> {
  const rows = await db.$queryRaw<(RunHead & { results: ResultRowJson[] | null })[]>`
    SELECT r."incidentId", r.procedure, r.service,
           (SELECT json_agg(s ORDER BY s.id) FROM "DiagnosisStepResult" s WHERE s."runId" = r.id) AS results
    FROM "DiagnosisRun" r WHERE r.id = ${runId}::text`;
  const row = rows[0];
  if (!row) return null;
  const results = (row.results ?? []).map((result) => ({
    ...result,
    id: BigInt(result.id),
    timelineEventId: result.timelineEventId === null ? null : BigInt(result.timelineEventId),
    startedAt: utc(result.startedAt),
    finishedAt: result.finishedAt === null ? null : utc(result.finishedAt),
  }));
  return { head: { incidentId: row.incidentId, procedure: row.procedure, service: row.service }, results };
}
