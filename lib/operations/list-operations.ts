import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { operationView, type OperationView } from "./views";

/** What was done on an incident, newest first, with outcome, prior state, undo and verification. */
export async function listOperations(options: { db: Db; incidentId: string; limit?: number }): Promise<OperationView[]> {
  const incident = await options.db.incident.findUnique({ where: { id: options.incidentId }, select: { id: true } });
  if (!incident) throw new AppError("not_found", "No such incident.");
  const rows = await options.db.operation.findMany({ where: { incidentId: options.incidentId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: Math.min(options.limit ?? 100, 200) });
  return rows.map(operationView);
}
