import { z } from "zod";
import { listEvents, type EventSummary } from "@/lib/connectors/kubernetes/events";
import { catalogTarget } from "@/lib/connectors/kubernetes/kube-call";
import type { Verdict } from "../types";
import { connectorFailure, defineCheck } from "../define-check";
import { namespace } from "./params";

/**
 * `kubectl get events -n data-processing --sort-by='.lastTimestamp'` ("Check pod events"
 * in Deployment Failures): the namespace's events, newest first. Verdict: warn when Warning
 * events were seen within the last `windowMinutes` (BackOff, Failed, OOMKilling,
 * FailedScheduling…), naming the reasons; ok otherwise. Older events are listed, not judged.
 */
export interface EventsData {
  events: EventSummary[];
  windowMinutes: number;
  recentWarnings: Array<{ reason: string; object: string; count: number; lastSeen: string | null; message: string }>;
}

export function judgeEvents(events: EventSummary[], windowMinutes: number, now = Date.now()): { verdict: Verdict; summary: string; data: EventsData } {
  const since = now - windowMinutes * 60_000;
  const recent = events.filter((event) => event.lastSeen && Date.parse(event.lastSeen) >= since);
  const warnings = recent.filter((event) => event.type === "Warning");
  const reasons = new Map<string, number>();
  for (const event of warnings) reasons.set(event.reason, (reasons.get(event.reason) ?? 0) + event.count);
  const parts = [`${events.length} events, ${recent.length} in the last ${windowMinutes} min`];
  parts.push(warnings.length ? `${warnings.length} Warning: ${[...reasons].map(([reason, count]) => `${reason} ×${count}`).join(", ")}` : "no Warning events");
  return {
    verdict: warnings.length ? "warn" : "ok",
    summary: parts.join(", "),
    data: {
      events,
      windowMinutes,
      recentWarnings: warnings.map((event) => ({ reason: event.reason, object: `${event.object.kind.toLowerCase()}/${event.object.name}`, count: event.count, lastSeen: event.lastSeen, message: event.message })),
    },
  };
}

export const getEvents = defineCheck({
  id: "kubernetes.get-events",
  system: "kubernetes",
  title: "Namespace events",
  runbook: { procedure: "deployment-failures", purpose: "Check pod events", command: "kubectl get events -n data-processing --sort-by='.lastTimestamp'" },
  params: z.object({
    namespace,
    /** Warning events seen within this many minutes make the verdict warn */
    windowMinutes: z.number().int().min(1).max(24 * 60).default(60),
    limit: z.number().int().min(1).max(1_000).default(100),
  }),
  lab: true,
  async run(context, params) {
    const target = catalogTarget(context.catalog);
    if (!target.ok) return connectorFailure(target.error);
    const result = await listEvents(target.target, params.namespace, { limit: params.limit }, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    return judgeEvents(result.value, params.windowMinutes);
  },
});
