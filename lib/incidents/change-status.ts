import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { announceChange } from "./live/timeline-bus";
import { canChangeStatus, STATUSES } from "./lifecycle";
import { appendTimeline, lockIncident } from "./timeline";

export const changeStatusInput = z.object({ status: z.enum(STATUSES, { message: `Status must be one of ${STATUSES.join(", ")}` }) });

export async function changeStatus(options: { db: Db; actor: Actor; incidentId: string; input: z.input<typeof changeStatusInput> }) {
  const input = validate(changeStatusInput, options.input, "Invalid status");
  const to = input.status;
  const { db, actor, incidentId } = options;
  const incident = await db.$transaction(async (tx) => {
    const current = await lockIncident(tx, incidentId);
    if (!current) throw new AppError("not_found", "No such incident.");
    if (!canChangeStatus(current.status, to)) {
      throw new AppError(
        "conflict",
        current.status === to ? `The incident is already ${to}.` : `An incident cannot go from ${current.status} to ${to}${current.status === "resolved" ? " (reopen it as investigating)" : ""}.`,
      );
    }
    const now = new Date();
    const reopening = current.status === "resolved";
    const updated = await tx.incident.update({
      where: { id: incidentId },
      data: { status: to, resolvedAt: to === "resolved" ? now : reopening ? null : current.resolvedAt },
    });
    await appendTimeline(tx, {
      incidentId,
      kind: "status",
      actor,
      body: reopening ? `Reopened (was resolved)` : `Status ${current.status} → ${to}`,
      data: { from: current.status, to },
    });
    await recordAudit(tx, { actor, action: reopening ? "incident.reopen" : "incident.status", outcome: "ok", targetType: "incident", targetId: incidentId, before: { status: current.status }, after: { status: to } });
    return updated;
  });
  await announceChange(db, incidentId);
  return incident;
}
