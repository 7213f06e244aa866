import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { Actor } from "@/lib/auth/actor";
import { actorLabel } from "@/lib/audit/record-audit";
import type { TimelineKind } from "./types";

type Tx = Prisma.TransactionClient;

/** The one way anything is added to a timeline; callers announce the change after commit. */
export function appendTimeline(
  tx: Tx,
  entry: { incidentId: string; kind: TimelineKind; actor: Actor; body?: string | null; data?: Prisma.InputJsonValue; idempotencyKey?: string },
) {
  return tx.timelineEvent.create({
    data: {
      incidentId: entry.incidentId,
      kind: entry.kind,
      authorId: entry.actor.kind === "user" ? entry.actor.id : null,
      author: actorLabel(entry.actor),
      body: entry.body ?? null,
      data: entry.data,
      idempotencyKey: entry.idempotencyKey,
    },
  });
}

/**
 * Locks the incident row for the rest of the transaction, so two responders changing the
 * same incident (a status change racing an escalation) are applied one after the other.
 */
export async function lockIncident(tx: Tx, incidentId: string) {
  await tx.$executeRaw`SELECT 1 FROM "Incident" WHERE id = ${incidentId} FOR UPDATE`;
  return tx.incident.findUnique({ where: { id: incidentId }, include: { owner: { select: { email: true } } } });
}
