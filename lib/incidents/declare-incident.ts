import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { consoleConfig, incidentSubjects } from "@/lib/config/console-config";
import { EMERGENCIES } from "@/lib/runbooks/procedures";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { ackDeadlineMs } from "./ack-deadline";
import { announceChange } from "./live/timeline-bus";
import { EMERGENCY_KINDS, LEVEL_NAMES, startingLevel } from "./lifecycle";
import { SEVERITIES } from "./severity";
import { appendTimeline } from "./timeline";
import { incidentRef } from "./types";

export const declareIncidentInput = z
  .object({
    title: z.string().trim().min(3, { message: "Give the incident a title of at least 3 characters" }).max(200),
    severity: z.enum(SEVERITIES, { message: "Severity must be SEV1, SEV2, SEV3 or SEV4" }),
    services: z.array(z.string()).max(50).default([]),
    emergency: z.enum(EMERGENCY_KINDS).nullable().default(null),
    impactStartedAt: z.coerce.date().optional(),
    detectedAt: z.coerce.date().optional(),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_.:-]{8,100}$/, { message: "An idempotency key is 8–100 letters, digits or _.:-" }).optional(),
  })
  .refine((input) => !input.impactStartedAt || !input.detectedAt || input.impactStartedAt <= input.detectedAt, {
    message: "Impact cannot start after it was detected",
    path: ["impactStartedAt"],
  });

const EMERGENCY_TITLES: Record<(typeof EMERGENCY_KINDS)[number], string> = {
  "service-outage": "Service Outage",
  "data-loss": "Data Loss",
  "security-breach": "Security Breach",
};

function declarerOf(actor: Actor): string {
  return actor.kind === "user" ? actor.email : actor.kind === "api-key" ? `api-key:${actor.name}` : "system";
}

/**
 * Declares an incident. The declarer owns it and has acknowledged it (the MTTA clock stops).
 * An emergency gets the runbook's immediate actions and recovery steps as a checklist; data
 * loss and security breaches start at L3, which must acknowledge within the deadline.
 *
 * With an idempotency key, a repeat by the same declarer (a retry whose first answer was
 * lost after the commit) returns the incident already declared, `repeated: true`, and
 * writes, pages and notifies nothing more. The repeat's other fields are not compared: the
 * key names one declaration, whatever the retry carries.
 */
export async function declareIncident(options: { db: Db; actor: Actor; input: z.input<typeof declareIncidentInput>; baseUrl: string }) {
  const input = validate(declareIncidentInput, options.input, "Invalid incident");
  const declaredBy = declarerOf(options.actor);
  const { idempotencyKey } = input;
  const earlier = () => options.db.incident.findUnique({ where: { declaredBy_idempotencyKey: { declaredBy, idempotencyKey: idempotencyKey! } } });
  if (idempotencyKey) {
    const existing = await earlier();
    if (existing) return { ...existing, repeated: true };
  }
  try {
    return { ...(await declareOnce(options, input, declaredBy)), repeated: false };
  } catch (error) {
    // Two attempts racing each other: the unique (declaredBy, idempotencyKey) lets one win.
    if (idempotencyKey && (error as { code?: string }).code === "P2002") {
      const existing = await earlier();
      if (existing) return { ...existing, repeated: true };
    }
    throw error;
  }
}

async function declareOnce(options: { db: Db; actor: Actor; baseUrl: string }, input: z.output<typeof declareIncidentInput>, declaredBy: string) {
  const known = new Set(incidentSubjects());
  const unknown = input.services.filter((service) => !known.has(service));
  if (unknown.length) throw new AppError("bad_request", `Unknown service: ${unknown.join(", ")}. Services come from console.config.yaml.`);

  const now = new Date();
  const level = startingLevel(input.emergency);
  const { actor } = options;
  const incident = await options.db.$transaction(async (tx) => {
    const created = await tx.incident.create({
      data: {
        idempotencyKey: input.idempotencyKey ?? null,
        title: input.title,
        severity: input.severity,
        services: [...new Set(input.services)],
        emergency: input.emergency,
        level,
        ownerId: actor.kind === "user" ? actor.id : null,
        declaredBy,
        impactStartedAt: input.impactStartedAt ?? input.detectedAt ?? now,
        detectedAt: input.detectedAt ?? now,
        acknowledgedAt: level === "L1" ? now : null,
      },
    });
    await appendTimeline(tx, {
      incidentId: created.id,
      kind: "declared",
      actor,
      body: `Declared ${created.severity}${input.emergency ? ` emergency (${EMERGENCY_TITLES[input.emergency]})` : ""} at ${level}`,
      data: { severity: created.severity, services: created.services, level, emergency: input.emergency },
    });
    if (input.emergency) {
      const procedure = EMERGENCIES.find((emergency) => emergency.title === EMERGENCY_TITLES[input.emergency!]);
      const items = [
        ...(procedure?.immediateActions ?? []).map((text, position) => ({ phase: "immediate", position, text })),
        ...(procedure?.recoverySteps ?? []).map((text, position) => ({ phase: "recovery", position, text })),
      ];
      await tx.checklistItem.createMany({ data: items.map((item) => ({ ...item, incidentId: created.id })) });
    }
    if (level !== "L1") {
      const note = `Declared as ${EMERGENCY_TITLES[input.emergency!]}: the runbook gives these to ${LEVEL_NAMES[level]}.`;
      await tx.handoff.create({
        data: {
          incidentId: created.id,
          fromLevel: "L1",
          toLevel: level,
          note,
          createdBy: created.declaredBy,
          packet: { note, declared: true },
          ackDeadline: new Date(now.getTime() + ackDeadlineMs(created.severity)),
        },
      });
      await enqueueNotification(tx, {
        incidentId: created.id,
        audience: LEVEL_NAMES[level],
        text: `[${created.severity}] ${incidentRef(created.number)} ${created.title}: ${note} Acknowledge: ${options.baseUrl}/incidents/${created.id}`,
      });
    }
    if (input.emergency === "security-breach") {
      const security = consoleConfig().contacts.security;
      await enqueueNotification(tx, {
        incidentId: created.id,
        audience: `${security.name}${security.email ? ` <${security.email}>` : ""}`,
        text: `[${created.severity}] Security breach declared: ${incidentRef(created.number)} ${created.title}. ${options.baseUrl}/incidents/${created.id}`,
      });
    }
    await recordAudit(tx, {
      actor,
      action: "incident.declare",
      outcome: "ok",
      targetType: "incident",
      targetId: created.id,
      after: { title: created.title, severity: created.severity, services: created.services, level, emergency: input.emergency },
    });
    return created;
  });
  await announceChange(options.db, incident.id);
  return incident;
}
