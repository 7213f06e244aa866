import type { IncidentSummary, TimelineEntry, TimelineKind } from "./types";

/** Database rows → the plain shapes pages, the API and the pure helpers share. */
export function toTimelineEntry(row: {
  id: bigint;
  kind: string;
  at: Date;
  author: string;
  body: string | null;
  data: unknown;
  editedAt: Date | null;
}): TimelineEntry {
  return {
    id: String(row.id),
    kind: row.kind as TimelineKind,
    at: row.at.toISOString(),
    author: row.author,
    body: row.body,
    data: (row.data as Record<string, unknown> | null) ?? null,
    editedAt: row.editedAt?.toISOString() ?? null,
  };
}

export function toIncidentSummary(row: {
  id: string;
  number: number;
  title: string;
  severity: IncidentSummary["severity"];
  status: IncidentSummary["status"];
  level: IncidentSummary["level"];
  services: string[];
  emergency: string | null;
  owner?: { email: string } | null;
  declaredBy: string;
  impactStartedAt: Date;
  detectedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  createdAt: Date;
}): IncidentSummary {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    severity: row.severity,
    status: row.status,
    level: row.level,
    services: row.services,
    emergency: row.emergency,
    owner: row.owner?.email ?? null,
    declaredBy: row.declaredBy,
    impactStartedAt: row.impactStartedAt.toISOString(),
    detectedAt: row.detectedAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
