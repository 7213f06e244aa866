import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { announceChange } from "./live/timeline-bus";
import { toTimelineEntry as mapTimelineRow } from "./mappers";
import { appendTimeline } from "./timeline";

export const addNoteInput = z.object({
  body: z.string().trim().min(1, { message: "The note is empty" }).max(20_000, { message: "Notes are limited to 20,000 characters" }),
  idempotencyKey: z.string().min(8).max(100).optional(),
});

/**
 * Adds a Markdown note. With an idempotency key, a retried submit (the first answer lost to
 * a network or database hiccup) returns the note already saved instead of adding another.
 */
export async function addNote(options: { db: Db; actor: Actor; incidentId: string; input: z.input<typeof addNoteInput> }) {
  const input = validate(addNoteInput, options.input, "Invalid note");
  const { body, idempotencyKey } = input;
  const { db, actor, incidentId } = options;

  if (idempotencyKey) {
    const existing = await db.timelineEvent.findUnique({ where: { incidentId_idempotencyKey: { incidentId, idempotencyKey } } });
    if (existing) return { entry: mapTimelineRow(existing), created: false };
  }
  try {
    const event = await db.$transaction(async (tx) => {
      const incident = await tx.incident.findUnique({ where: { id: incidentId }, select: { id: true } });
      if (!incident) throw new AppError("not_found", "No such incident.");
      const created = await appendTimeline(tx, { incidentId, kind: "note", actor, body, idempotencyKey });
      await recordAudit(tx, { actor, action: "incident.note.add", outcome: "ok", targetType: "incident", targetId: incidentId, after: { eventId: String(created.id) } });
      return created;
    });
    await announceChange(db, incidentId);
    return { entry: mapTimelineRow(event), created: true };
  } catch (error) {
    // Two retries racing each other: the unique (incidentId, idempotencyKey) lets one win.
    if (idempotencyKey && (error as { code?: string }).code === "P2002") {
      const existing = await db.timelineEvent.findUniqueOrThrow({ where: { incidentId_idempotencyKey: { incidentId, idempotencyKey } } });
      return { entry: mapTimelineRow(existing), created: false };
    }
    throw error;
  }
}
