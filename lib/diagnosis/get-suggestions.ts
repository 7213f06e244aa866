import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { healthSnapshot } from "@/lib/health/shared-collector";
import { suggestProcedures, type PanelWithFindings, type Suggestion } from "./suggest-procedures";

/** Live health → procedures, for one incident (its services) or for everything (the overview). */
export async function getSuggestions(options: { db: Db; incidentId?: string; service?: string }): Promise<{ procedures: Suggestion[] }> {
  let services: string[] | undefined = options.service ? [options.service] : undefined;
  if (options.incidentId) {
    const incident = await options.db.incident.findUnique({ where: { id: options.incidentId }, select: { services: true } });
    if (!incident) throw new AppError("not_found", "No such incident.");
    services = incident.services;
  }
  const snapshot = (await healthSnapshot()) as unknown as { services: PanelWithFindings[]; systems: PanelWithFindings[] };
  return { procedures: suggestProcedures(snapshot, { services }) };
}
