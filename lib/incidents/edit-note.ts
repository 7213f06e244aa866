import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { recordAudit } from "@/lib/audit/record-audit";
import { actorLabel } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { announceChange } from "./live/timeline-bus";
import { toTimelineEntry } from "./mappers";
import { timelineEntryId } from "./timeline-cursor";

export const editNoteInput = z.object({
  eventId: timelineEntryId("Unknown note"),
  body: z.string().trim().min(1, { message: "The note is empty" }).max(20_000),
});

/** Edits a note; the previous text is kept as a revision. Only its author or an admin may. */
export async function editNote(options: { db: Db; actor: Actor; incidentId: string; input: z.input<typeof editNoteInput> }) {
  const input = validate(editNoteInput, options.input, "Invalid note");
  const { db, actor, incidentId } = options;
  const outcome = await db.$transaction(async (tx) => {
    const event = await tx.timelineEvent.findUnique({ where: { id: BigInt(input.eventId) } });
    if (!event || event.incidentId !== incidentId || event.kind !== "note") throw new AppError("not_found", "No such note on this incident.");
    const isAuthor = actor.kind === "user" && event.authorId === actor.id;
    if (!isAuthor && actor.role !== "admin") return { refused: true as const };
    if (event.body === input.body) return { saved: event };
    await tx.noteRevision.create({ data: { eventId: event.id, body: event.body ?? "", editedBy: actorLabel(actor) } });
    const saved = await tx.timelineEvent.update({ where: { id: event.id }, data: { body: input.body, editedAt: new Date() } });
    await recordAudit(tx, {
      actor,
      action: "incident.note.edit",
      outcome: "ok",
      targetType: "incident",
      targetId: incidentId,
      before: { eventId: String(event.id), body: event.body },
      after: { eventId: String(event.id), body: saved.body },
    });
    return { saved };
  });
  if ("refused" in outcome) {
    // Audited outside the transaction, which changed nothing (a row written inside it would
    // be rolled back with the refusal).
    await recordAudit(db, { actor, action: "incident.note.edit", outcome: "denied", targetType: "incident", targetId: incidentId, detail: "not the author" });
    throw new AppError("forbidden", "Only the note's author (or an administrator) can edit it. Add a new note instead.");
  }
  await announceChange(db, incidentId);
  return toTimelineEntry(outcome.saved);
}
