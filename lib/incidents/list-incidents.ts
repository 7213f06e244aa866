import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { meanTimes } from "./incident-metrics";
import { LEVELS, STATUSES } from "./lifecycle";
import { toIncidentSummary } from "./mappers";
import { SEVERITIES } from "./severity";
import { incidentCursor } from "./timeline-cursor";

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => (typeof value === "string" ? value.split(",").filter(Boolean) : value), z.array(z.enum(values)).optional());

export const incidentFilters = z.object({
  status: list(STATUSES),
  severity: list(SEVERITIES),
  level: list(LEVELS),
  service: z.string().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  /** Keyset cursor: "<createdAt ISO>_<id>" of the last row of the previous page. */
  after: incidentCursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type IncidentFilters = z.output<typeof incidentFilters>;

function where(filters: IncidentFilters): Prisma.IncidentWhereInput {
  return {
    ...(filters.status?.length ? { status: { in: filters.status } } : {}),
    ...(filters.severity?.length ? { severity: { in: filters.severity } } : {}),
    ...(filters.level?.length ? { level: { in: filters.level } } : {}),
    ...(filters.service ? { services: { has: filters.service } } : {}),
    ...(filters.q ? { title: { contains: filters.q, mode: "insensitive" as const } } : {}),
  };
}

/** Newest first, keyset-paginated on (createdAt, id): the same cost on page 1 and page 2,000. */
export async function listIncidents(db: Db, filters: IncidentFilters) {
  let cursor: Prisma.IncidentWhereInput = {};
  if (filters.after) {
    const [at, id] = filters.after.split("_") as [string, string];
    const createdAt = new Date(at);
    cursor = { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
  }
  const rows = await db.incident.findMany({
    where: { AND: [where(filters), cursor] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filters.limit + 1,
    include: { owner: { select: { email: true } } },
  });
  const page = rows.slice(0, filters.limit);
  const last = page[page.length - 1];
  return { incidents: page.map(toIncidentSummary), next: rows.length > filters.limit && last ? `${last.createdAt.toISOString()}_${last.id}` : null };
}

/** MTTA and MTTR of incidents declared in [from, to), with the same filters. */
export async function incidentStats(db: Db, filters: IncidentFilters, period: { from: Date; to: Date }) {
  const rows = await db.incident.findMany({
    where: { AND: [where(filters), { createdAt: { gte: period.from, lt: period.to } }] },
    select: { detectedAt: true, impactStartedAt: true, acknowledgedAt: true, resolvedAt: true },
    take: 50_000,
  });
  return meanTimes(rows);
}
