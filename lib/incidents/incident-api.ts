import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getIncident, type IncidentDetail } from "./get-incident";

/** The documented JSON shape of GET /api/v1/incidents/:id. */
export function incidentJson(detail: IncidentDetail) {
  const { incident } = detail;
  return {
    ...incident,
    timeline: detail.timeline.map((entry) => ({
      id: entry.id,
      kind: entry.kind,
      at: entry.at,
      author: entry.author,
      ...(entry.body !== null ? { body: entry.body } : {}),
      ...(entry.data !== null ? { data: entry.data } : {}),
      ...(entry.editedAt ? { editedAt: entry.editedAt, revisions: entry.revisions ?? [] } : {}),
    })),
    olderThan: detail.olderThan,
    handoffs: detail.handoffs.map((handoff) => ({
      fromLevel: handoff.fromLevel,
      toLevel: handoff.toLevel,
      packet: handoff.packet,
      note: handoff.note,
      automatic: handoff.automatic,
      createdAt: handoff.createdAt,
      ackDeadline: handoff.ackDeadline,
      ...(handoff.acknowledgedAt ? { acknowledgedAt: handoff.acknowledgedAt, acknowledgedBy: handoff.acknowledgedBy } : {}),
      ...(handoff.expiredAt ? { expiredAt: handoff.expiredAt } : {}),
    })),
    checklist: detail.checklist,
  };
}

export async function requireIncident(db: Db, id: string, options?: Parameters<typeof getIncident>[2]): Promise<IncidentDetail> {
  const detail = await getIncident(db, id, options);
  if (!detail) throw new AppError("not_found", `No incident ${id}.`);
  return detail;
}
