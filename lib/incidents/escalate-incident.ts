import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { consoleConfig } from "@/lib/config/console-config";
import { formatDuration } from "@/lib/config/duration";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { handoffRuns } from "@/lib/diagnosis/handoff-runs";
import { runJson } from "@/lib/diagnosis/run-json";
import { ackDeadlineMs } from "./ack-deadline";
import { buildHandoffPacket, type HandoffPacket } from "./handoff-packet";
import { announceChange } from "./live/timeline-bus";
import { LEVEL_NAMES, LEVELS, levelOfRole, nextLevel, type Level } from "./lifecycle";
import { toIncidentSummary, toTimelineEntry } from "./mappers";
import { appendTimeline, lockIncident } from "./timeline";
import { incidentRef } from "./types";

export const escalateInput = z.object({
  note: z.string().trim().min(1, { message: "Tell the next level what you need from them" }).max(5_000),
  hypothesis: z.string().trim().max(2_000).optional(),
  openQuestions: z.array(z.string().max(500)).max(20).optional(),
});

type Tx = Prisma.TransactionClient;

/**
 * Hands the incident to the next level inside the caller's transaction (the incident row is
 * locked by the caller): a packet generated from the timeline, a new acknowledgement deadline,
 * a timeline entry and a notification to the next level. Shared by manual and automatic escalation.
 */
export async function escalateWithinTransaction(
  tx: Tx,
  options: { incidentId: string; actor: Actor; from: Level; to: Level; note: string; hypothesis?: string; openQuestions?: string[]; automatic: boolean; baseUrl: string; now?: Date },
) {
  const now = options.now ?? new Date();
  const incident = await tx.incident.findUniqueOrThrow({ where: { id: options.incidentId }, include: { owner: { select: { email: true } } } });
  const timeline = await tx.timelineEvent.findMany({
    where: { incidentId: incident.id, kind: { in: ["evidence", "note", "operation", "status"] } },
    orderBy: { id: "desc" },
    take: 2_000,
  });
  const runs = await tx.diagnosisRun.findMany({ where: { incidentId: incident.id }, include: { results: true }, orderBy: { createdAt: "asc" } });
  const packet: HandoffPacket = buildHandoffPacket({
    incident: toIncidentSummary(incident),
    timeline: timeline.map(toTimelineEntry),
    fromLevel: options.from,
    toLevel: options.to,
    note: options.note,
    hypothesis: options.hypothesis,
    openQuestions: options.openQuestions,
    runs: handoffRuns(runs.map(runJson)),
    baseUrl: options.baseUrl,
  });
  const deadlineMs = ackDeadlineMs(incident.severity);
  const handoff = await tx.handoff.create({
    data: {
      incidentId: incident.id,
      fromLevel: options.from,
      toLevel: options.to,
      packet: packet as unknown as Prisma.InputJsonValue,
      note: options.note,
      createdBy: options.actor.kind === "user" ? options.actor.email : options.actor.kind === "api-key" ? `api-key:${options.actor.name}` : "system",
      automatic: options.automatic,
      createdAt: now,
      ackDeadline: new Date(now.getTime() + deadlineMs),
    },
  });
  await tx.incident.update({ where: { id: incident.id }, data: { level: options.to } });
  await appendTimeline(tx, {
    incidentId: incident.id,
    kind: options.automatic ? "auto_escalation" : "escalation",
    actor: options.actor,
    body: `${options.automatic ? "Escalated automatically" : "Escalated"} ${options.from} → ${options.to}: ${options.note}`,
    data: { handoffId: handoff.id, from: options.from, to: options.to, ackDeadline: handoff.ackDeadline.toISOString() },
  });
  const contact = consoleConfig().contacts[options.to];
  await enqueueNotification(tx, {
    incidentId: incident.id,
    audience: `${LEVEL_NAMES[options.to]} (${contact.name}${contact.phone ? `, ${contact.phone}` : ""}${contact.email ? `, ${contact.email}` : ""})`,
    text: `[${incident.severity}] ${incidentRef(incident.number)} ${incident.title} ${options.automatic ? "escalated automatically" : "escalated"} to ${options.to}. Acknowledge within ${formatDuration(deadlineMs)}: ${packet.link}`,
  });
  return handoff;
}

type Refusal =
  | { refused: "top" }
  | { refused: "pending"; waitingFor: Level }
  | { refused: "below"; level: Level };

/** The level a person may escalate from: their own; an administrator (or the console) any. */
function escalatingLevel(actor: Actor): Level | null {
  return actor.role === "admin" ? "L3" : levelOfRole(actor.role);
}

export async function escalateIncident(options: { db: Db; actor: Actor; incidentId: string; input: z.input<typeof escalateInput>; baseUrl: string }) {
  const input = validate(escalateInput, options.input, "Invalid escalation");
  const { db, actor, incidentId } = options;
  const outcome = await db.$transaction(async (tx): Promise<Refusal | { handoff: Awaited<ReturnType<typeof escalateWithinTransaction>> }> => {
    const incident = await lockIncident(tx, incidentId);
    if (!incident) throw new AppError("not_found", "No such incident.");
    const to = nextLevel(incident.level);
    if (!to) return { refused: "top" };
    if (incident.status === "resolved") throw new AppError("conflict", "The incident is resolved; reopen it before escalating.");
    // One hand-off at a time: escalating past a level that has not answered yet would skip
    // it, and leave its timer to fire on a hand-off nobody is waiting for any more.
    const pending = await tx.handoff.findFirst({ where: { incidentId, acknowledgedAt: null, expiredAt: null }, orderBy: { createdAt: "desc" } });
    if (pending) return { refused: "pending", waitingFor: pending.toLevel };
    const own = escalatingLevel(actor);
    if (!own || LEVELS.indexOf(own) < LEVELS.indexOf(incident.level)) return { refused: "below", level: incident.level };
    const created = await escalateWithinTransaction(tx, { incidentId, actor, from: incident.level, to, ...input, automatic: false, baseUrl: options.baseUrl });
    await recordAudit(tx, { actor, action: "incident.escalate", outcome: "ok", targetType: "incident", targetId: incidentId, before: { level: incident.level }, after: { level: to, handoffId: created.id } });
    return { handoff: created };
  });
  if ("refused" in outcome) {
    // Audited outside the transaction, which changed nothing.
    const refusal = describeRefusal(outcome);
    await recordAudit(db, { actor, action: "incident.escalate", outcome: "denied", targetType: "incident", targetId: incidentId, detail: refusal.detail });
    throw new AppError(refusal.code, refusal.message);
  }
  await announceChange(db, incidentId);
  return outcome.handoff;
}

function describeRefusal(refusal: Refusal): { code: "conflict" | "forbidden"; detail: string; message: string } {
  switch (refusal.refused) {
    case "top":
      return { code: "conflict", detail: "already at L3", message: "The incident is already at L3, the highest level. Contact management if more help is needed." };
    case "pending":
      return {
        code: "conflict",
        detail: `hand-off to ${refusal.waitingFor} not yet acknowledged`,
        message: `The hand-off to ${refusal.waitingFor} is waiting for acknowledgement. ${refusal.waitingFor} acknowledges it, or it escalates by itself when its deadline passes; escalating again now would skip ${refusal.waitingFor}.`,
      };
    case "below":
      return { code: "forbidden", detail: `incident is at ${refusal.level}`, message: `The incident is at ${refusal.level}; only ${refusal.level} or above can escalate it further.` };
  }
}
