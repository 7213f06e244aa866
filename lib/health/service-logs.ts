import "server-only";
import { z } from "zod";
import { followLogs, type FollowEvent } from "@/lib/connectors/kubernetes/follow-logs";
import { kubeTarget } from "@/lib/connectors/kubernetes/kube-client";
import { logFilterParam } from "@/lib/connectors/kubernetes/log-lines";
import { readLogs, type LogTail } from "@/lib/connectors/kubernetes/logs";
import { listPods } from "@/lib/connectors/kubernetes/pods";
import { k8sNameParam } from "@/lib/connectors/kubernetes/names";
import { failure, redactLogLine, type ConnectorResult } from "@/lib/connectors/result";
import { consoleConfig } from "@/lib/config/console-config";
import { AppError } from "@/lib/errors";
import { probeContext } from "./context";
import { FOLLOW_LIMITS, withFollowLimits } from "./log-follows";

/**
 * The service page's log viewer: `kubectl logs [-f] [--previous] [--tail N] [--since S]
 * deployment/<service> | grep <word>` for a catalog service (or one of its pods), bounded
 * like the connector bounds it, credentials in lines masked. The query comes from the
 * browser, so it is validated here.
 */
export type { LogTail, FollowEvent };

export const logQuery = z.object({
  pod: k8sNameParam.optional(),
  tail: z.coerce.number().int().min(1).max(5_000).default(500),
  sinceSeconds: z.coerce.number().int().min(1).max(7 * 24 * 3600).optional(),
  previous: z.enum(["0", "1", "true", "false"]).transform((value) => value === "1" || value === "true").default(false),
  filter: z.union([z.literal("").transform(() => undefined), logFilterParam]).optional(),
});
export type LogQuery = z.output<typeof logQuery>;

function target(name: string) {
  const service = consoleConfig().services.find((entry) => entry.name === name);
  if (!service) throw new AppError("not_found", `No service named ${name} in the catalog.`);
  const context = probeContext(service);
  const kube = kubeTarget(context.catalog.systems.kubernetes);
  const request = { namespace: service.namespace, ...(service.deployment ? { deployment: service.deployment } : {}) };
  return { kube, context, request, service, selector: service.selector ?? `app=${service.name}` };
}

/**
 * A pod asked for by name must be one of the service's own pods (its catalog selector, as
 * on the service page): the namespace also holds databases and brokers whose logs are not
 * this page's to show. Throws not_found otherwise.
 */
export function requireServicePod(service: string, pod: string, servicePods: readonly string[]): void {
  if (!servicePods.includes(pod)) {
    throw new AppError("not_found", `No pod named ${pod} belongs to ${service}; pick one of its pods from the service page.`);
  }
}

/** Throws not_found for a pod outside the service; a failed listing is returned as it is. */
export async function checkServicePod(name: string, query: LogQuery): Promise<ConnectorResult<void>> {
  const { kube, context, service, selector } = target(name);
  if (!query.pod || !kube) return { ok: true, value: undefined, ms: 0 };
  const pods = await listPods(kube, service.namespace, selector, context.deadlineMs);
  if (!pods.ok) return pods;
  requireServicePod(service.name, query.pod, pods.value.map((pod) => pod.name));
  return { ok: true, value: undefined, ms: pods.ms };
}

export async function serviceLogs(name: string, query: LogQuery): Promise<ConnectorResult<LogTail>> {
  const { kube, context, request } = target(name);
  if (!kube) return failure("not_configured", "no kubeconfig (set KUBECONFIG or systems.kubernetes.kubeconfig)");
  const ownPod = await checkServicePod(name, query);
  if (!ownPod.ok) return ownPod;
  const result = await readLogs(
    kube,
    { ...request, ...(query.pod ? { pod: query.pod, deployment: undefined } : {}), tailLines: query.tail, maxLines: Math.min(query.tail, 2_000), sinceSeconds: query.sinceSeconds, previous: query.previous, filter: query.filter ?? null },
    // Reading up to 5,000 lines may take longer than a health probe.
    Math.max(context.deadlineMs, 5_000),
  );
  // A service that logs a credential must not hand it to every viewer of the page.
  return result.ok ? { ...result, value: { ...result.value, lines: result.value.lines.map(redactLogLine) } } : result;
}

/** The caller checks the pod first (checkServicePod), so a foreign pod is a 404 rather than an event. */
export async function* followServiceLogs(name: string, query: LogQuery, signal: AbortSignal): AsyncGenerator<FollowEvent> {
  const { kube, context, request } = target(name);
  if (!kube) {
    yield { type: "error", error: { kind: "not_configured", message: "no kubeconfig (set KUBECONFIG or systems.kubernetes.kubeconfig)" } };
    return;
  }

  const follow = (inner: AbortSignal) =>
    followLogs(kube, { ...request, ...(query.pod ? { pod: query.pod, deployment: undefined } : {}), tailLines: Math.min(query.tail, 200), previous: query.previous, filter: query.filter ?? null }, inner, { connectDeadlineMs: context.deadlineMs });
  const limited = withFollowLimits<FollowEvent>(follow, signal, FOLLOW_LIMITS, (message) => ({ type: "error", error: { kind: "timeout", message } }));
  for await (const event of limited) {
    yield event.type === "line" ? { ...event, line: redactLogLine(event.line) } : event;
  }
}
