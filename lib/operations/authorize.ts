import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, lowestRoleWith } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { OPERATION_PERMISSIONS, OPERATION_TITLES, type OperationKind } from "./types";

/**
 * The runbook's levels, checked on the server for the UI and the API alike; a refusal is
 * written to the audit log (outside any transaction, so it stays) and answered 403.
 */
export async function authorizeOperation(db: Db, actor: Actor, kind: OperationKind, incidentId: string, target: string): Promise<void> {
  const permission = OPERATION_PERMISSIONS[kind];
  if (can(actor.role, permission)) return;
  await recordAudit(db, { actor, action: `operation.${kind}`, outcome: "denied", targetType: "incident", targetId: incidentId, detail: `needs ${permission} for ${target}` });
  throw new AppError("forbidden", `${OPERATION_TITLES[kind]} needs the ${lowestRoleWith(permission)} role or above; you have ${actor.role}.`);
}

/** The incident must exist and be open: operations land on its timeline. */
export async function openIncident(db: Db, incidentId: string) {
  const incident = await db.incident.findUnique({ where: { id: incidentId }, select: { id: true, number: true, status: true } });
  if (!incident) throw new AppError("not_found", "No such incident.");
  if (incident.status === "resolved") throw new AppError("conflict", "The incident is resolved: reopen it before acting on the system.");
  return incident;
}
