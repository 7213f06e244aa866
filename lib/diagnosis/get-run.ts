import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { runJson } from "./run-json";
import type { RunJson } from "./types";

/** One run of an incident, with every result; 404 when the run is not this incident's. */
export async function getRun(options: { db: Db; incidentId: string; runId: string }): Promise<RunJson> {
  const run = await options.db.diagnosisRun.findUnique({ where: { id: options.runId }, include: { results: true } });
  if (!run || run.incidentId !== options.incidentId) throw new AppError("not_found", `No diagnosis run '${options.runId}' on this incident.`);
  return runJson(run);
}

/** Every run of an incident, oldest first (the incident page and the hand-off packet). */
export async function listRuns(options: { db: Db; incidentId: string }): Promise<RunJson[]> {
  const runs = await options.db.diagnosisRun.findMany({ where: { incidentId: options.incidentId }, include: { results: true }, orderBy: { createdAt: "asc" } });
  return runs.map(runJson);
}
