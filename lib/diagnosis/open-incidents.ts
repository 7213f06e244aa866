import "server-only";
import type { Db } from "@/lib/db/client";
import { incidentRef } from "@/lib/incidents/types";

/** Open incidents, newest first, for "start this procedure on…" (runbook pages, Diagnose buttons). */
export async function openIncidents(db: Db, limit = 20): Promise<{ id: string; label: string }[]> {
  const rows = await db.incident.findMany({
    where: { status: { not: "resolved" } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, number: true, title: true, severity: true },
  });
  return rows.map((row) => ({ id: row.id, label: `${incidentRef(row.number)} ${row.severity} ${row.title}` }));
}
