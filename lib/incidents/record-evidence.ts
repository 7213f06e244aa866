import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { announceChange } from "./live/timeline-bus";
import { appendTimeline } from "./timeline";
import type { EvidenceData } from "./types";

export type Evidence = EvidenceData & { detail?: Prisma.InputJsonValue };

/**
 * What an evidence entry says on the timeline and in the audit log. Shared with the
 * guided-diagnosis step (lib/diagnosis/record-step-result.ts), which writes it in the same
 * statement as the step's result, so both paths write the same entry.
 */
export function evidenceEntry(evidence: Evidence) {
  return {
    timeline: { kind: "evidence" as const, body: `${evidence.verdict.toUpperCase()} ${evidence.check}: ${evidence.summary}`, data: evidence as unknown as Prisma.InputJsonValue },
    audit: { action: "incident.evidence", after: { check: evidence.check, verdict: evidence.verdict } },
  };
}

/**
 * Writes diagnosis evidence to an incident's timeline: the one path for checks, runbook
 * wizards and "capture to incident". `detail` is the check's typed data, stored as is.
 */
export async function recordEvidence(options: { db: Db; actor: Actor; incidentId: string; evidence: Evidence }) {
  const { db, actor, incidentId, evidence } = options;
  const entry = evidenceEntry(evidence);
  const event = await db.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: incidentId }, select: { id: true } });
    if (!incident) throw new AppError("not_found", "No such incident.");
    const created = await appendTimeline(tx, { incidentId, actor, ...entry.timeline });
    await recordAudit(tx, { actor, outcome: "ok", targetType: "incident", targetId: incidentId, ...entry.audit });
    return created;
  });
  await announceChange(db, incidentId);
  return event;
}
