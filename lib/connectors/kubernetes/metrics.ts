import type { V1Node, V1Pod } from "@kubernetes/client-node";
import type { ConnectorResult } from "../result";
import { coreApi, customApi, type KubeTarget } from "./kube-client";
import { kubeCall } from "./kube-call";
import { printable } from "./pods";
import { cpuMillicores, memoryBytes } from "./quantity";
import { isoTime } from "./text";

/**
 * `kubectl top pods -n <namespace>` and `kubectl top nodes` from metrics.k8s.io/v1beta1
 * (metrics-server), joined with the pods' requests and limits so usage reads against the
 * limit ("memory 350Mi of 384Mi, 91 %") — the High Memory Usage procedure's question.
 */
interface MetricsUsage {
  cpu?: string;
  memory?: string;
}
interface PodMetric {
  metadata: { name: string; namespace?: string };
  timestamp?: string;
  window?: string;
  containers: Array<{ name: string; usage: MetricsUsage }>;
}
interface NodeMetric {
  metadata: { name: string };
  timestamp?: string;
  usage: MetricsUsage;
}

export interface ContainerUsage {
  name: string;
  cpuMillicores: number | null;
  memoryBytes: number | null;
  requests: { cpuMillicores: number | null; memoryBytes: number | null };
  limits: { cpuMillicores: number | null; memoryBytes: number | null };
}

export interface PodUsage {
  name: string;
  cpuMillicores: number;
  memoryBytes: number;
  /** sum of the containers' limits; null when a container has none (unbounded) */
  cpuLimitMillicores: number | null;
  memoryLimitBytes: number | null;
  memoryRequestBytes: number | null;
  /** usage / limit (0.91 = 91 %); null without a limit */
  memoryOfLimit: number | null;
  cpuOfLimit: number | null;
  containers: ContainerUsage[];
  timestamp: string | null;
}

export interface NodeUsage {
  name: string;
  ready: boolean;
  cpuMillicores: number | null;
  memoryBytes: number | null;
  allocatableCpuMillicores: number | null;
  allocatableMemoryBytes: number | null;
  /** usage / allocatable, as kubectl top nodes' CPU% and MEMORY% */
  cpuFraction: number | null;
  memoryFraction: number | null;
  /** the node has no metrics (kubectl prints <unknown>) */
  missing: boolean;
}

const sumOrNull = (values: Array<number | null>) => (values.length && values.every((value) => value !== null) ? values.reduce<number>((sum, value) => sum + value!, 0) : null);
const ratio = (used: number | null, of: number | null) => (used !== null && of ? Math.round((used / of) * 1000) / 1000 : null);

/** Pure: metrics joined with the pods' specs (pods without metrics are left out, as kubectl top does). */
export function joinPodUsage(metrics: PodMetric[], pods: V1Pod[]): PodUsage[] {
  const specs = new Map(pods.map((pod) => [pod.metadata?.name ?? "", pod]));
  return metrics
    .map((metric) => {
      const spec = specs.get(metric.metadata.name)?.spec?.containers ?? [];
      const containers: ContainerUsage[] = metric.containers.map((container) => {
        const resources = spec.find((entry) => entry.name === container.name)?.resources;
        return {
          name: printable(container.name),
          cpuMillicores: cpuMillicores(container.usage.cpu),
          memoryBytes: memoryBytes(container.usage.memory),
          requests: { cpuMillicores: cpuMillicores(resources?.requests?.cpu), memoryBytes: memoryBytes(resources?.requests?.memory) },
          limits: { cpuMillicores: cpuMillicores(resources?.limits?.cpu), memoryBytes: memoryBytes(resources?.limits?.memory) },
        };
      });
      const cpu = containers.reduce((sum, container) => sum + (container.cpuMillicores ?? 0), 0);
      const memory = containers.reduce((sum, container) => sum + (container.memoryBytes ?? 0), 0);
      const cpuLimit = sumOrNull(containers.map((container) => container.limits.cpuMillicores));
      const memoryLimit = sumOrNull(containers.map((container) => container.limits.memoryBytes));
      return {
        name: printable(metric.metadata.name),
        cpuMillicores: cpu,
        memoryBytes: memory,
        cpuLimitMillicores: cpuLimit,
        memoryLimitBytes: memoryLimit,
        memoryRequestBytes: sumOrNull(containers.map((container) => container.requests.memoryBytes)),
        memoryOfLimit: ratio(memory, memoryLimit),
        cpuOfLimit: ratio(cpu, cpuLimit),
        containers,
        timestamp: isoTime(metric.timestamp),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Pure: node metrics joined with the nodes (a node without metrics is listed with `missing`). */
export function joinNodeUsage(metrics: NodeMetric[], nodes: V1Node[]): NodeUsage[] {
  const byName = new Map(metrics.map((metric) => [metric.metadata.name, metric]));
  return nodes
    .map((node) => {
      const name = node.metadata?.name ?? "?";
      const usage = byName.get(name)?.usage;
      const cpu = cpuMillicores(usage?.cpu);
      const memory = memoryBytes(usage?.memory);
      const allocatableCpu = cpuMillicores(node.status?.allocatable?.cpu ?? node.status?.capacity?.cpu);
      const allocatableMemory = memoryBytes(node.status?.allocatable?.memory ?? node.status?.capacity?.memory);
      return {
        name: printable(name),
        ready: (node.status?.conditions ?? []).some((condition) => condition.type === "Ready" && condition.status === "True"),
        cpuMillicores: cpu,
        memoryBytes: memory,
        allocatableCpuMillicores: allocatableCpu,
        allocatableMemoryBytes: allocatableMemory,
        cpuFraction: ratio(cpu, allocatableCpu),
        memoryFraction: ratio(memory, allocatableMemory),
        missing: !usage,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

const METRICS = { group: "metrics.k8s.io", version: "v1beta1" };

/** `kubectl top pods -n <namespace> [-l selector]` with requests/limits. */
export function topPods(target: KubeTarget, namespace: string, deadlineMs: number, labelSelector?: string): Promise<ConnectorResult<PodUsage[]>> {
  return kubeCall(target, deadlineMs, "metrics.k8s.io (metrics-server)", async ({ options }) => {
    const [metrics, pods] = await Promise.all([
      customApi(target).listNamespacedCustomObject({ ...METRICS, namespace, plural: "pods", labelSelector: labelSelector || undefined }, options) as Promise<{ items?: PodMetric[] }>,
      coreApi(target).listNamespacedPod({ namespace, labelSelector: labelSelector || undefined }, options),
    ]);
    return joinPodUsage(metrics.items ?? [], pods.items);
  });
}

/** `kubectl top nodes` */
export function topNodes(target: KubeTarget, deadlineMs: number): Promise<ConnectorResult<NodeUsage[]>> {
  return kubeCall(target, deadlineMs, "metrics.k8s.io (metrics-server)", async ({ options }) => {
    const [metrics, nodes] = await Promise.all([
      customApi(target).listClusterCustomObject({ ...METRICS, plural: "nodes" }, options) as Promise<{ items?: NodeMetric[] }>,
      coreApi(target).listNode({}, options),
    ]);
    return joinNodeUsage(metrics.items ?? [], nodes.items);
  });
}
