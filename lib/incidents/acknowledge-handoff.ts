import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { announceChange } from "./live/timeline-bus";
import { LEVEL_NAMES, levelOfRole } from "./lifecycle";
import { appendTimeline, lockIncident } from "./timeline";

/**
 * The receiving level acknowledges the pending hand-off: it stops the deadline, and the
 * acknowledger becomes the owner. Only someone of that level may: acknowledging for another
 * level would stop a clock that someone else should be answering.
 */
export async function acknowledgeHandoff(options: { db: Db; actor: Actor; incidentId: string }) {
  const { db, actor, incidentId } = options;
  const result = await db.$transaction(async (tx): Promise<{ handoffId: string } | { refused: string; level: string }> => {
    const incident = await lockIncident(tx, incidentId);
    if (!incident) throw new AppError("not_found", "No such incident.");
    const pending = await tx.handoff.findFirst({ where: { incidentId, acknowledgedAt: null, expiredAt: null }, orderBy: { createdAt: "desc" } });
    if (!pending) throw new AppError("conflict", "There is no hand-off waiting for acknowledgement.");
    const level = levelOfRole(actor.role);
    if (actor.kind !== "user" || level !== pending.toLevel) return { refused: pending.toLevel, level: LEVEL_NAMES[pending.toLevel] };
    const now = new Date();
    await tx.handoff.update({ where: { id: pending.id }, data: { acknowledgedAt: now, acknowledgedBy: actor.email } });
    await tx.incident.update({ where: { id: incidentId }, data: { ownerId: actor.id, acknowledgedAt: incident.acknowledgedAt ?? now } });
    await appendTimeline(tx, {
      incidentId,
      kind: "acknowledgement",
      actor,
      body: `${LEVEL_NAMES[pending.toLevel]} acknowledged and now owns the incident`,
      data: { handoffId: pending.id, level: pending.toLevel, secondsToAcknowledge: Math.round((now.getTime() - pending.createdAt.getTime()) / 1000) },
    });
    await recordAudit(tx, {
      actor,
      action: "incident.acknowledge",
      outcome: "ok",
      targetType: "incident",
      targetId: incidentId,
      before: { owner: incident.owner?.email ?? null },
      after: { owner: actor.email, handoffId: pending.id },
    });
    return { handoffId: pending.id };
  });
  if ("refused" in result) {
    // Audited outside the transaction, which changed nothing.
    await recordAudit(db, { actor, action: "incident.acknowledge", outcome: "denied", targetType: "incident", targetId: incidentId, detail: `hand-off is for ${result.refused}` });
    throw new AppError("forbidden", `This hand-off is for ${result.level}; only someone of that level can acknowledge it.`);
  }
  await announceChange(db, incidentId);
  return result;
}
