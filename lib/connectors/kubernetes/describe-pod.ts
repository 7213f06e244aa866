import type { V1Container, V1ContainerState, V1ContainerStatus, V1Pod, V1ResourceRequirements } from "@kubernetes/client-node";
import type { ConnectorResult } from "../result";
import { summarizeEvent, newestFirst, type EventSummary } from "./events";
import { coreApi, type KubeTarget } from "./kube-client";
import { kubeCall } from "./kube-call";
import { printable } from "./pods";
import { cpuMillicores, memoryBytes } from "./quantity";
import { pickTroubledPod, resolvePod } from "./resolve-pod";
import { boundedText, isoTime } from "./text";

/**
 * `kubectl describe pod <pod-name> -n data-processing`: the facts a responder reads in it —
 * each container's image, state, last termination (reason + exit code: OOMKilled 137),
 * restarts, requests and limits ("Check memory limits") — and the pod's events.
 */
export interface Resources {
  /** as written in the spec ("384Mi"), and parsed (millicores, bytes) */
  cpu: string | null;
  memory: string | null;
  cpuMillicores: number | null;
  memoryBytes: number | null;
}

export interface ContainerState {
  state: "running" | "waiting" | "terminated" | "unknown";
  reason: string | null;
  message: string | null;
  exitCode: number | null;
  /** startedAt (running, terminated) or finishedAt (terminated) */
  since: string | null;
}

export interface ContainerFacts {
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  state: ContainerState;
  lastTermination: ContainerState | null;
  requests: Resources;
  limits: Resources;
}

export interface PodDescription {
  name: string;
  namespace: string;
  node: string | null;
  phase: string;
  /** Evicted, … (status.reason) */
  reason: string | null;
  startTime: string | null;
  conditions: Array<{ type: string; status: string; reason: string | null }>;
  imagePullSecrets: string[];
  containers: ContainerFacts[];
  initContainers: ContainerFacts[];
  events: EventSummary[];
}

function resources(spec: V1ResourceRequirements["limits"] | undefined): Resources {
  const cpu = spec?.cpu ?? null;
  const memory = spec?.memory ?? null;
  return { cpu: cpu && printable(cpu), memory: memory && printable(memory), cpuMillicores: cpuMillicores(cpu), memoryBytes: memoryBytes(memory) };
}

export function describeState(state: V1ContainerState | undefined): ContainerState {
  if (state?.running) return { state: "running", reason: null, message: null, exitCode: null, since: isoTime(state.running.startedAt) };
  if (state?.waiting) {
    return { state: "waiting", reason: state.waiting.reason ? printable(state.waiting.reason) : null, message: state.waiting.message ? boundedText(state.waiting.message, 500) : null, exitCode: null, since: null };
  }
  if (state?.terminated) {
    const terminated = state.terminated;
    return {
      state: "terminated",
      reason: terminated.reason ? printable(terminated.reason) : null,
      message: terminated.message ? boundedText(terminated.message, 500) : null,
      exitCode: terminated.exitCode ?? null,
      since: isoTime(terminated.finishedAt ?? terminated.startedAt),
    };
  }
  return { state: "unknown", reason: null, message: null, exitCode: null, since: null };
}

/** The pod's facts without its events (pure). */
export function describePodFacts(pod: V1Pod, events: EventSummary[] = []): PodDescription {
  const facts = (specs: V1Container[], statuses: V1ContainerStatus[] = pod.status?.containerStatuses ?? []): ContainerFacts[] =>
    specs.map((container) => {
      const status = statuses.find((entry) => entry.name === container.name);
      return {
        name: printable(container.name),
        image: printable(container.image ?? status?.image ?? "?"),
        ready: status?.ready ?? false,
        restartCount: status?.restartCount ?? 0,
        state: describeState(status?.state),
        lastTermination: status?.lastState?.terminated ? describeState(status.lastState) : null,
        requests: resources(container.resources?.requests),
        limits: resources(container.resources?.limits),
      };
    });
  return {
    name: printable(pod.metadata?.name ?? "?"),
    namespace: printable(pod.metadata?.namespace ?? ""),
    node: pod.spec?.nodeName ? printable(pod.spec.nodeName) : null,
    phase: pod.status?.phase ?? "Unknown",
    reason: pod.status?.reason ? printable(pod.status.reason) : null,
    startTime: isoTime(pod.status?.startTime),
    conditions: (pod.status?.conditions ?? []).map((condition) => ({ type: printable(condition.type), status: printable(condition.status), reason: condition.reason ? printable(condition.reason) : null })),
    imagePullSecrets: (pod.spec?.imagePullSecrets ?? []).map((secret) => printable(secret.name ?? "")).filter(Boolean),
    containers: facts(pod.spec?.containers ?? []),
    initContainers: facts(pod.spec?.initContainers ?? [], pod.status?.initContainerStatuses ?? []),
    events,
  };
}

/** `kubectl describe pod <pod> -n <namespace>` (or the troubled pod of `deployment`, pickTroubledPod), with its events newest first. */
export function describePod(target: KubeTarget, namespace: string, ref: { pod?: string; deployment?: string }, deadlineMs: number): Promise<ConnectorResult<PodDescription>> {
  const what = ref.pod ? `pod ${namespace}/${ref.pod}` : `deployment ${namespace}/${ref.deployment}`;
  return kubeCall(target, deadlineMs, what, async ({ options }) => {
    const pod = await resolvePod(target, namespace, ref, options, pickTroubledPod);
    const name = pod.metadata?.name ?? "";
    const events = await coreApi(target).listNamespacedEvent({ namespace, fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${name}` }, options);
    return describePodFacts(pod, newestFirst(events.items.map(summarizeEvent)).slice(0, 50));
  });
}
