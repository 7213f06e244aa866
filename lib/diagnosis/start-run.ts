import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { recordAudit } from "@/lib/audit/record-audit";
import { actorLabel } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { announceChange } from "@/lib/incidents/live/timeline-bus";
import { consoleConfig } from "@/lib/config/console-config";
import { findProcedure } from "./catalogue";
import { rememberRun } from "./run-heads";
import { runJson } from "./run-json";
import type { RunJson } from "./types";

export const startRunInput = z.object({
  procedure: z.string().trim().min(1, { message: "name a procedure, e.g. data-not-processing" }),
  /** the catalog service the run is about (a panel's Diagnose); default: the incident's only service */
  service: z.string().trim().min(1).optional(),
});

/**
 * Starts a guided diagnosis of a runbook procedure on an incident (from the incident page,
 * a panel's "Diagnose", a runbook page or the API). Several runs may exist on one incident.
 */
export async function startRun(options: {
  db: Db;
  actor: Actor;
  incidentId: string;
  input: z.input<typeof startRunInput>;
  /**
   * Start it only if the incident has no run of this procedure yet, else answer with that
   * run: a declaration repeated with its idempotency key (declare-and-diagnose.ts) makes one
   * run however many repeats race, as presses of the same incident wait on one lock.
   */
  once?: boolean;
}): Promise<RunJson> {
  const input = validate(startRunInput, options.input, "Invalid run");
  const { db, actor, incidentId } = options;
  const procedure = findProcedure(input.procedure);
  if (!procedure) throw new AppError("not_found", `No runbook procedure '${input.procedure}'. GET /api/v1/runbooks lists them.`);
  const services = consoleConfig().services.map((service) => service.name);
  if (input.service && !services.includes(input.service)) throw new AppError("bad_request", `service: '${input.service}' is not a service of the catalog (${services.join(", ")}).`);
  const run = await db.$transaction(async (tx) => {
    if (options.once) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`diagnosis-run:${incidentId}`}::text, 0))`;
      const earlier = await tx.diagnosisRun.findFirst({ where: { incidentId, procedure: procedure.id }, orderBy: { createdAt: "asc" }, include: { results: true } });
      if (earlier) return { ...earlier, repeated: true };
    }
    const incident = await tx.incident.findUnique({ where: { id: incidentId }, select: { id: true, services: true } });
    if (!incident) throw new AppError("not_found", "No such incident.");
    const named = incident.services.filter((name) => services.includes(name));
    const service = input.service ?? (named.length === 1 ? named[0]! : null);
    const created = await tx.diagnosisRun.create({
      data: { incidentId, procedure: procedure.id, procedureVersion: procedure.version, service, startedBy: actorLabel(actor), nextStep: procedure.start, nextReason: "the first step of the procedure" },
      include: { results: true },
    });
    await recordAudit(tx, { actor, action: "diagnosis.start", outcome: "ok", targetType: "incident", targetId: incidentId, after: { run: created.id, procedure: procedure.id, version: procedure.version, service } });
    return { ...created, repeated: false };
  });
  const { repeated, ...started } = run;
  if (!repeated) await announceChange(db, incidentId);
  rememberRun(started.id, started);
  return runJson(started);
}
