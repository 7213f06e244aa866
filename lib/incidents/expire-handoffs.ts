import "server-only";
import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { consoleConfig } from "@/lib/config/console-config";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { escalateWithinTransaction } from "./escalate-incident";
import { announceChange } from "./live/timeline-bus";
import { LEVEL_NAMES, nextLevel } from "./lifecycle";
import { appendTimeline } from "./timeline";
import { incidentRef } from "./types";

/**
 * The acknowledgement timer. Runs every second in every console process; each due hand-off
 * is handled by exactly one of them: rows are claimed with FOR UPDATE SKIP LOCKED and marked
 * `expiredAt` in the same transaction that escalates, so a second worker either skips the
 * locked row or finds it already expired. Deadlines live in the database, so a restart loses
 * nothing: a deadline that passed while every process was down fires at the next tick.
 */
export async function expireHandoffs(options: { db: Db; baseUrl: string; now?: Date }): Promise<string[]> {
  const now = options.now ?? new Date();
  const changed = await options.db.$transaction(async (tx) => {
    // Timestamps are stored as UTC without zone (Prisma); compare in the same terms.
    const due = await tx.$queryRaw<{ id: string; incidentId: string }[]>`
      SELECT h.id, h."incidentId" FROM "Handoff" h
        JOIN "Incident" i ON i.id = h."incidentId"
       WHERE h."acknowledgedAt" IS NULL AND h."expiredAt" IS NULL
         AND h."ackDeadline" <= (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
       ORDER BY h."ackDeadline"
       LIMIT 20
       FOR UPDATE OF h, i SKIP LOCKED`;
    const incidents: string[] = [];
    for (const row of due) {
      const handoff = await tx.handoff.update({ where: { id: row.id }, data: { expiredAt: now } });
      const incident = await tx.incident.findUniqueOrThrow({ where: { id: row.incidentId } });
      incidents.push(incident.id);
      if (incident.status === "resolved") continue;
      // A hand-off the incident has moved past (acknowledged elsewhere, superseded) is only
      // closed: nobody is waiting on it, so it must neither escalate nor page management.
      if (incident.level !== handoff.toLevel) continue;
      const to = nextLevel(handoff.toLevel);
      const waited = Math.round((now.getTime() - handoff.createdAt.getTime()) / 1000);
      if (to) {
        await escalateWithinTransaction(tx, {
          incidentId: incident.id,
          actor: SYSTEM_ACTOR,
          from: handoff.toLevel,
          to,
          note: `${LEVEL_NAMES[handoff.toLevel]} did not acknowledge within the deadline (${waited}s); escalated to ${to}.`,
          automatic: true,
          baseUrl: options.baseUrl,
          now,
        });
        await recordAudit(tx, { actor: SYSTEM_ACTOR, action: "incident.auto-escalate", outcome: "ok", targetType: "incident", targetId: incident.id, before: { level: handoff.toLevel }, after: { level: to } });
      } else {
        // Nobody above L3: say so loudly, once, and tell management.
        await appendTimeline(tx, {
          incidentId: incident.id,
          kind: "auto_escalation",
          actor: SYSTEM_ACTOR,
          body: `${LEVEL_NAMES[handoff.toLevel]} did not acknowledge within the deadline (${waited}s). There is no higher level: management notified.`,
          data: { handoffId: handoff.id, level: handoff.toLevel },
        });
        const management = consoleConfig().contacts.management;
        await enqueueNotification(tx, {
          incidentId: incident.id,
          audience: `${management.name}${management.email ? ` <${management.email}>` : ""}`,
          text: `[${incident.severity}] ${incidentRef(incident.number)} ${incident.title}: ${handoff.toLevel} has not acknowledged. ${options.baseUrl}/incidents/${incident.id}`,
        });
      }
    }
    return incidents;
  });
  await Promise.all([...new Set(changed)].map((id) => announceChange(options.db, id)));
  return changed;
}
