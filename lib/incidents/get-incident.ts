import "server-only";
import type { Db } from "@/lib/db/client";
import type { HandoffPacket } from "./handoff-packet";
import { toIncidentSummary, toTimelineEntry } from "./mappers";
import type { TimelineKind } from "./types";

export const TIMELINE_PAGE = 100;

/**
 * An incident with its newest timeline entries (keyset: `before` an entry id, newest
 * first, never OFFSET), its hand-offs and its checklist.
 */
export async function getIncident(db: Db, id: string, options: { before?: bigint; kinds?: TimelineKind[]; limit?: number } = {}) {
  const incident = await db.incident.findUnique({ where: { id }, include: { owner: { select: { email: true } } } });
  if (!incident) return null;
  const limit = Math.min(options.limit ?? TIMELINE_PAGE, 500);
  const [events, handoffs, checklist] = await Promise.all([
    db.timelineEvent.findMany({
      where: { incidentId: id, ...(options.before ? { id: { lt: options.before } } : {}), ...(options.kinds?.length ? { kind: { in: options.kinds } } : {}) },
      orderBy: { id: "desc" },
      take: limit + 1,
      include: { revisions: { orderBy: { id: "asc" }, select: { body: true, editedBy: true, replacedAt: true } } },
    }),
    db.handoff.findMany({ where: { incidentId: id }, orderBy: { createdAt: "asc" } }),
    db.checklistItem.findMany({ where: { incidentId: id }, orderBy: [{ phase: "asc" }, { position: "asc" }] }),
  ]);
  const page = events.slice(0, limit);
  return {
    incident: toIncidentSummary(incident),
    timeline: page.map((event) => ({
      ...toTimelineEntry(event),
      revisions: event.revisions.map((revision) => ({ body: revision.body, editedBy: revision.editedBy, replacedAt: revision.replacedAt.toISOString() })),
    })),
    olderThan: events.length > limit ? String(page[page.length - 1]!.id) : null,
    handoffs: handoffs.map((handoff) => ({
      id: handoff.id,
      fromLevel: handoff.fromLevel,
      toLevel: handoff.toLevel,
      note: handoff.note,
      packet: handoff.packet as unknown as HandoffPacket,
      createdBy: handoff.createdBy,
      automatic: handoff.automatic,
      createdAt: handoff.createdAt.toISOString(),
      ackDeadline: handoff.ackDeadline.toISOString(),
      acknowledgedAt: handoff.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: handoff.acknowledgedBy,
      expiredAt: handoff.expiredAt?.toISOString() ?? null,
    })),
    checklist: checklist.map((item) => ({ id: item.id, phase: item.phase, text: item.text, doneAt: item.doneAt?.toISOString() ?? null, doneBy: item.doneBy })),
  };
}

export type IncidentDetail = NonNullable<Awaited<ReturnType<typeof getIncident>>>;
