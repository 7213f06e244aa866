import type { CoreV1Event } from "@kubernetes/client-node";
import { failure, redactLogLine, type ConnectorResult } from "../result";
import { coreApi, type KubeTarget } from "./kube-client";
import { kubeCall } from "./kube-call";
import { isK8sName } from "./names";
import { printable } from "./pods";
import { boundedText, isoTime } from "./text";

/**
 * `kubectl get events -n <namespace> --sort-by='.lastTimestamp'` and the Events section of
 * `kubectl describe pod`: newest first, messages printable, bounded and with credentials
 * masked (a pull or probe failure may quote a registry URL or a header with its secret).
 */
export interface EventSummary {
  type: string;
  reason: string;
  message: string;
  object: { kind: string; name: string };
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  source: string | null;
}

export function summarizeEvent(event: CoreV1Event): EventSummary {
  const lastSeen = isoTime(event.lastTimestamp ?? event.eventTime ?? event.series?.lastObservedTime ?? event.firstTimestamp ?? event.metadata?.creationTimestamp);
  return {
    type: printable(event.type ?? "Normal"),
    reason: printable(event.reason ?? ""),
    message: redactLogLine(boundedText(event.message ?? "", 1_000)),
    object: { kind: printable(event.involvedObject?.kind ?? ""), name: printable(event.involvedObject?.name ?? "") },
    count: event.series?.count ?? event.count ?? 1,
    firstSeen: isoTime(event.firstTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp),
    lastSeen,
    source: event.source?.component ? printable(event.source.component) : event.reportingComponent ? printable(event.reportingComponent) : null,
  };
}

/** Newest first (by last seen); events without a time last. */
export function newestFirst(events: EventSummary[]): EventSummary[] {
  return [...events].sort((a, b) => (b.lastSeen ?? "").localeCompare(a.lastSeen ?? ""));
}

export interface EventQuery {
  /** only events about this object (kubectl describe's Events) */
  object?: { kind: string; name: string };
  /** only Warning (or Normal) events */
  type?: "Warning" | "Normal";
  /** at most this many, newest first (default 100) */
  limit?: number;
}

/** Events of a namespace or of one object in it, newest first. */
export function listEvents(target: KubeTarget, namespace: string, query: EventQuery, deadlineMs: number): Promise<ConnectorResult<EventSummary[]>> {
  if (query.object && (!isK8sName(query.object.name) || !/^[A-Za-z]{1,63}$/.test(query.object.kind))) return Promise.resolve(failure("not_found", "not a Kubernetes object name"));
  const fields = [
    ...(query.object ? [`involvedObject.kind=${query.object.kind}`, `involvedObject.name=${query.object.name}`] : []),
    ...(query.type ? [`type=${query.type}`] : []),
  ];
  return kubeCall(target, deadlineMs, `namespace ${namespace}`, async ({ options }) => {
    const list = await coreApi(target).listNamespacedEvent({ namespace, fieldSelector: fields.length ? fields.join(",") : undefined }, options);
    return newestFirst(list.items.map(summarizeEvent)).slice(0, Math.max(1, Math.min(query.limit ?? 100, 1_000)));
  });
}
