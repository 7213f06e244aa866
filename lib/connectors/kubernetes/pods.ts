import type { V1Pod } from "@kubernetes/client-node";
import type { ConnectorResult } from "../result";
import { kubeCall } from "./kube-call";
import { coreApi, type KubeTarget } from "./kube-client";
import { memoryBytes } from "./quantity";
import { printable as printableText } from "@/lib/connectors/text";

/** What the runbook reads from `kubectl get pods` / `kubectl describe pod`, per pod. */
export interface PodSummary {
  name: string;
  phase: string;
  ready: { ready: number; total: number };
  restarts: number;
  /** CrashLoopBackOff, ImagePullBackOff, ErrImagePull, ContainerCreating… */
  waitingReason: string | null;
  lastTermination: { reason: string | null; exitCode: number | null; finishedAt: string | null } | null;
  node: string | null;
  createdAt: string | null;
  /** the sum of the containers' memory limits; null when a container has none */
  memoryLimitBytes?: number | null;
}

export function summarizePod(pod: V1Pod): PodSummary {
  const statuses = pod.status?.containerStatuses ?? [];
  const waiting = statuses.map((status) => status.state?.waiting?.reason).find(Boolean) ?? null;
  const terminated = statuses.map((status) => status.lastState?.terminated).find(Boolean);
  return {
    // Names and reasons come from the API server: keep them printable and short.
    name: printable(pod.metadata?.name ?? "?"),
    phase: pod.status?.phase ?? "Unknown",
    ready: { ready: statuses.filter((status) => status.ready).length, total: pod.spec?.containers?.length ?? statuses.length },
    restarts: statuses.reduce((sum, status) => sum + (status.restartCount ?? 0), 0),
    waitingReason: waiting ? printable(waiting) : null,
    lastTermination: terminated
      ? { reason: terminated.reason ? printable(terminated.reason) : null, exitCode: terminated.exitCode ?? null, finishedAt: terminated.finishedAt ? new Date(terminated.finishedAt).toISOString() : null }
      : null,
    node: pod.spec?.nodeName ?? null,
    createdAt: pod.metadata?.creationTimestamp ? new Date(pod.metadata.creationTimestamp).toISOString() : null,
    memoryLimitBytes: memoryLimit(pod),
  };
}

/** Replaces control and non-printable characters: a pod name with binary in it must not break a page. */
export function printable(text: string): string {
  return printableText(text, 253);
}

/** `kubectl get pods -n <namespace> -l <selector>` */
export function listPods(target: KubeTarget, namespace: string, labelSelector: string, deadlineMs: number): Promise<ConnectorResult<PodSummary[]>> {
  return kubeCall(target, deadlineMs, `namespace ${namespace}`, async ({ options }) => {
    const list = await coreApi(target).listNamespacedPod({ namespace, labelSelector: labelSelector || undefined }, options);
    return list.items.map(summarizePod).sort((a, b) => a.name.localeCompare(b.name));
  });
}

function memoryLimit(pod: V1Pod): number | null {
  const limits = (pod.spec?.containers ?? []).map((container) => memoryBytes(container.resources?.limits?.memory));
  return limits.length && limits.every((limit) => limit !== null) ? limits.reduce((sum: number, limit) => sum + limit!, 0) : null;
}
