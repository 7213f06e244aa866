import "server-only";
import type { Db } from "@/lib/db/client";

export interface AuditPageQuery {
  /** Keyset cursor: show entries older than this id. */
  before?: bigint;
  action?: string;
  outcome?: "ok" | "denied" | "failed";
  limit?: number;
}

/** Newest first, keyset-paginated on the id (never OFFSET over the whole table). */
export async function listAudit(db: Db, query: AuditPageQuery) {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const rows = await db.auditLog.findMany({
    where: {
      ...(query.before ? { id: { lt: query.before } } : {}),
      ...(query.action ? { action: { startsWith: query.action } } : {}),
      ...(query.outcome ? { outcome: query.outcome } : {}),
    },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { entries: page, nextBefore: rows.length > limit ? page[page.length - 1]!.id : null };
}
