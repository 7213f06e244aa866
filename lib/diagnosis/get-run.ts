import "server-only";
import type { Role } from "@/lib/auth/roles";
import { consoleConfig } from "@/lib/config/console-config";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { operationGates } from "@/lib/operations/step-gates";
import { findProcedure } from "./catalogue";
import { rememberRun } from "./run-heads";
import { runJson } from "./run-json";
import { serviceNamedBySymptom } from "./symptom-service";
import type { RunJson } from "./types";

/** The run with what the viewer may do on its operation steps (decided here, on the server). */
function forViewer(run: RunJson, viewer: Role | undefined): RunJson {
  const procedure = findProcedure(run.procedure);
  if (!viewer || !procedure?.steps.some((step) => step.kind === "operation")) return run;
  const catalog = consoleConfig();
  const services = catalog.services.map((service) => service.name);
  return { ...run, act: operationGates(procedure.steps, (step) => run.service ?? serviceNamedBySymptom(step, run.results, services), viewer, catalog) };
}

/** One run of an incident, with every result; 404 when the run is not this incident's. */
export async function getRun(options: { db: Db; incidentId: string; runId: string; viewer?: Role }): Promise<RunJson> {
  const run = await options.db.diagnosisRun.findUnique({ where: { id: options.runId }, include: { results: true } });
  if (!run || run.incidentId !== options.incidentId) throw new AppError("not_found", `No diagnosis run '${options.runId}' on this incident.`);
  rememberRun(run.id, run);
  return forViewer(runJson(run), options.viewer);
}

/** Every run of an incident, oldest first (the incident page and the hand-off packet). */
export async function listRuns(options: { db: Db; incidentId: string; viewer?: Role }): Promise<RunJson[]> {
  const runs = await options.db.diagnosisRun.findMany({ where: { incidentId: options.incidentId }, include: { results: true }, orderBy: { createdAt: "asc" } });
  for (const run of runs) rememberRun(run.id, run);
  return runs.map((run) => forViewer(runJson(run), options.viewer));
}
