import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Actor } from "@/lib/auth/actor";

export type AuditOutcome = "ok" | "denied" | "failed";

export interface AuditEntry {
  actor: Actor | null;
  action: string;
  outcome: AuditOutcome;
  targetType?: string;
  targetId?: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  detail?: string;
  /** The database's clock when omitted; given by writers that judge time windows themselves. */
  at?: Date;
}

export function actorLabel(actor: Actor | null): string {
  if (!actor) return "anonymous";
  if (actor.kind === "api-key") return `api-key:${actor.name}`;
  if (actor.kind === "system") return "system";
  return actor.email;
}

/**
 * The audit row an entry is: the one mapping of an entry to the log's columns, for
 * recordAudit and for writers that append audit rows inside a larger SQL statement
 * (lib/diagnosis/record-step-result.ts). Either way the row is an INSERT into the same
 * table, whose trigger makes it append-only.
 */
export function auditRow(entry: AuditEntry) {
  return {
    actorId: entry.actor && entry.actor.kind !== "system" ? entry.actor.id : null,
    actor: actorLabel(entry.actor),
    action: entry.action,
    outcome: entry.outcome,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before,
    after: entry.after,
    detail: entry.detail,
    at: entry.at,
  };
}

/** Appends one row to the audit log (a trigger makes the table append-only). */
export async function recordAudit(db: Db | Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({ data: auditRow(entry) });
}
