import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { declareIncident, declareIncidentInput } from "@/lib/incidents/declare-incident";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { findProcedure } from "./catalogue";
import { startRun } from "./start-run";

export const declareAndDiagnoseInput = z.object({
  procedure: z.string().min(1),
  title: declareIncidentInput.shape.title,
  severity: declareIncidentInput.shape.severity,
  services: z.array(z.string()).default([]),
  idempotencyKey: declareIncidentInput.shape.idempotencyKey,
});

/**
 * From a runbook page with no incident open: declare one and start the procedure on it.
 * With an idempotency key, a repeat (a retry whose answer was lost) returns the incident
 * and the run the first attempt made: one incident, one run, one page.
 */
export async function declareAndDiagnose(options: { db: Db; actor: Actor; baseUrl: string; input: z.input<typeof declareAndDiagnoseInput> }): Promise<{ incidentId: string; runId: string }> {
  const input = validate(declareAndDiagnoseInput, options.input, "Invalid incident");
  const { db, actor } = options;
  // Checked before declaring: an incident without the run it was declared for is a half-done write.
  if (!findProcedure(input.procedure)) throw new AppError("not_found", `No runbook procedure '${input.procedure}'; nothing was declared.`);
  const incident = await declareIncident({ db, actor, baseUrl: options.baseUrl, input: { title: input.title, severity: input.severity, services: input.services, idempotencyKey: input.idempotencyKey } });
  // The run looks at the incident's service when it names exactly one (startRun's default).
  // With a key, repeats (also racing ones, and one whose first attempt died between the two
  // writes) find the run the first made, or make the one run.
  const run = await startRun({ db, actor, incidentId: incident.id, input: { procedure: input.procedure }, once: Boolean(input.idempotencyKey) });
  return { incidentId: incident.id, runId: run.id };
}
