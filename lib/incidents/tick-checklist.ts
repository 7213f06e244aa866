import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { actorLabel, recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { announceChange } from "./live/timeline-bus";
import { appendTimeline } from "./timeline";

export const tickChecklistInput = z.object({ itemId: z.string().min(1), done: z.boolean() });

/** Ticks (or unticks) an emergency checklist item; every tick goes on the timeline. */
export async function tickChecklist(options: { db: Db; actor: Actor; incidentId: string; input: z.input<typeof tickChecklistInput> }) {
  const input = validate(tickChecklistInput, options.input, "Invalid checklist item");
  const { db, actor, incidentId } = options;
  const item = await db.$transaction(async (tx) => {
    const current = await tx.checklistItem.findUnique({ where: { id: input.itemId } });
    if (!current || current.incidentId !== incidentId) throw new AppError("not_found", "No such checklist item on this incident.");
    if (Boolean(current.doneAt) === input.done) return current;
    const updated = await tx.checklistItem.update({
      where: { id: current.id },
      data: input.done ? { doneAt: new Date(), doneBy: actorLabel(actor) } : { doneAt: null, doneBy: null },
    });
    await appendTimeline(tx, {
      incidentId,
      kind: "checklist",
      actor,
      body: `${input.done ? "Done" : "Not done after all"}: ${current.text} (${current.phase === "immediate" ? "immediate action" : "recovery step"})`,
      data: { itemId: current.id, done: input.done },
    });
    await recordAudit(tx, { actor, action: "incident.checklist", outcome: "ok", targetType: "incident", targetId: incidentId, before: { item: current.text, done: Boolean(current.doneAt) }, after: { done: input.done } });
    return updated;
  });
  await announceChange(db, incidentId);
  return item;
}
