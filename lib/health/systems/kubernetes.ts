import type { V1Node, V1Pod } from "@kubernetes/client-node";
import type { CheckContext } from "@/lib/checks/types";
import { catalogTarget, kubeCall } from "@/lib/connectors/kubernetes/kube-call";
import { coreApi } from "@/lib/connectors/kubernetes/kube-client";
import { printable, summarizePod } from "@/lib/connectors/kubernetes/pods";
import type { SystemHealth } from "../types";

/**
 * The Kubernetes panel: is the API server answering, are the nodes Ready (`kubectl get
 * nodes`), and which pods of the catalog's namespaces are not ready (`kubectl get pods -n
 * data-processing`, `-n monitoring`) — one list per namespace, all within the probe deadline.
 * Figures: nodes, nodesReady, pods, podsNotReady.
 */
export function kubernetesHealth(nodes: V1Node[], podsByNamespace: Array<{ namespace: string; pods: V1Pod[] }>): SystemHealth {
  const ready = nodes.filter((node) => (node.status?.conditions ?? []).some((condition) => condition.type === "Ready" && condition.status === "True")).length;
  const pods = podsByNamespace.flatMap((entry) => entry.pods.map((pod) => ({ namespace: entry.namespace, pod: summarizePod(pod) })));
  const notReady = pods.filter(({ pod }) => pod.phase !== "Succeeded" && !(pod.ready.total > 0 && pod.ready.ready === pod.ready.total));
  const reasons = [`${ready}/${nodes.length} nodes Ready`, `${pods.length - notReady.length}/${pods.length} pods ready in ${podsByNamespace.map((entry) => entry.namespace).join(", ")}`];
  for (const { namespace, pod } of notReady.slice(0, 3)) reasons.push(`${namespace}/${pod.name} not ready${pod.waitingReason ? ` (${pod.waitingReason})` : ""}`);
  if (notReady.length > 3) reasons.push(`and ${notReady.length - 3} more not ready`);
  const status = nodes.length === 0 || ready === 0 ? "down" : ready < nodes.length || notReady.length ? "degraded" : "ok";
  return { status, reasons, figures: { nodes: nodes.length, nodesReady: ready, pods: pods.length, podsNotReady: notReady.length } };
}

export async function probeKubernetes(context: CheckContext): Promise<SystemHealth> {
  const empty = { nodes: null, nodesReady: null, pods: null, podsNotReady: null };
  const target = catalogTarget(context.catalog);
  if (!target.ok) return { status: "not_configured", reasons: [target.error.message], figures: empty };
  const namespaces = context.catalog.systems.kubernetes.namespaces;
  const result = await kubeCall(target.target, context.deadlineMs, "nodes and pods", async ({ options }) => {
    const api = coreApi(target.target);
    const [nodes, ...pods] = await Promise.all([api.listNode({}, options), ...namespaces.map((namespace) => api.listNamespacedPod({ namespace }, options))]);
    return kubernetesHealth(nodes.items, namespaces.map((namespace, index) => ({ namespace, pods: pods[index]!.items })));
  });
  if (result.ok) return result.value;
  const { kind, message } = result.error;
  return { status: "unknown", reasons: [`API server: ${kind.replace("_", " ")} (${printable(message)})`], figures: empty };
}
