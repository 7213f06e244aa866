import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { announceChange } from "./live/timeline-bus";
import { appendTimeline } from "./timeline";
import type { EvidenceData } from "./types";

/**
 * Writes diagnosis evidence to an incident's timeline: the one path for checks, runbook
 * wizards and "capture to incident". `detail` is the check's typed data, stored as is.
 */
export async function recordEvidence(options: { db: Db; actor: Actor; incidentId: string; evidence: EvidenceData & { detail?: Prisma.InputJsonValue } }) {
  const { db, actor, incidentId, evidence } = options;
  const event = await db.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: incidentId }, select: { id: true } });
    if (!incident) throw new AppError("not_found", "No such incident.");
    const created = await appendTimeline(tx, {
      incidentId,
      kind: "evidence",
      actor,
      body: `${evidence.verdict.toUpperCase()} ${evidence.check}: ${evidence.summary}`,
      data: evidence as unknown as Prisma.InputJsonValue,
    });
    await recordAudit(tx, { actor, action: "incident.evidence", outcome: "ok", targetType: "incident", targetId: incidentId, after: { check: evidence.check, verdict: evidence.verdict } });
    return created;
  });
  await announceChange(db, incidentId);
  return event;
}
