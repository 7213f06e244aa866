import type { IncidentSummary, TimelineEntry } from "./types";

/** A small resolved incident for the pure helpers' tests. */
export function incidentMetricsFixture(): { incident: IncidentSummary; timeline: TimelineEntry[] } {
  const entry = (id: number, kind: TimelineEntry["kind"], at: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({
    id: String(id),
    kind,
    at: `2026-11-30T${at}:00.000Z`,
    author: "lena.l1@254carbon.com",
    body: null,
    data: null,
    editedAt: null,
    ...extra,
  });
  return {
    incident: {
      id: "inc_1",
      number: 42,
      title: "Ticks stuck",
      severity: "SEV2",
      status: "resolved",
      level: "L2",
      services: ["normalization-service"],
      emergency: null,
      owner: "sam.l2@254carbon.com",
      declaredBy: "lena.l1@254carbon.com",
      impactStartedAt: "2026-11-30T02:00:00.000Z",
      detectedAt: "2026-11-30T02:01:00.000Z",
      acknowledgedAt: "2026-11-30T02:03:00.000Z",
      resolvedAt: "2026-11-30T03:00:00.000Z",
      createdAt: "2026-11-30T02:01:00.000Z",
    },
    timeline: [
      entry(6, "status", "02:20", { body: "Status investigating → identified", data: { from: "investigating", to: "identified" } }),
      entry(5, "note", "02:15", { body: "Restart did not help" }),
      entry(4, "operation", "02:10", { body: "Rollout restart of normalization-service" }),
      entry(3, "evidence", "02:05", { data: { check: "kafka.consumer-lag", verdict: "fail", summary: "lag 12,400 on 3 partitions" } }),
      entry(2, "note", "02:02", { body: "Lag grows since 02:00" }),
      entry(1, "declared", "02:01", { body: "Declared SEV2 at L1" }),
    ],
  };
}
