import type { V1Node, V1Pod } from "@kubernetes/client-node";
import type { CheckContext } from "@/lib/checks/types";
import { catalogTarget, kubeCall } from "@/lib/connectors/kubernetes/kube-call";
import { coreApi } from "@/lib/connectors/kubernetes/kube-client";
import { printable, summarizePod } from "@/lib/connectors/kubernetes/pods";
import { runCheck } from "@/lib/checks/define-check";
import { status as helmStatus } from "@/lib/checks/helm/status";
import type { CheckResult } from "@/lib/checks/types";
import type { HelmReleaseStatus } from "@/lib/connectors/helm/releases";
import { SlowSignal } from "../slow-signal";
import type { Finding, SystemHealth } from "../types";

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

/**
 * The pipeline's Helm release, read every 5 s rather than on every sweep (one list of the
 * release's Secrets, the newest decoded): a failed upgrade shows within 10 s, judged by
 * helm.status's own judgeStatus. One signal per release for the process.
 */
const helmSignals = new Map<string, SlowSignal<CheckResult>>();

function helmSignal(context: CheckContext): SlowSignal<CheckResult> {
  const { release, namespace } = context.catalog.helm;
  const key = `${namespace}/${release}`;
  let signal = helmSignals.get(key);
  if (!signal) {
    signal = new SlowSignal(() => runCheck(helmStatus, context, { release, namespace }), { everyMs: 5_000, soonestMs: 5_000, awaitRefresh: true });
    helmSignals.set(key, signal);
  }
  return signal;
}

/** "Helm release data-processing-pipeline revision 6 failed", for a release whose newest revision is not deployed. */
export function helmFinding(result: CheckResult<HelmReleaseStatus | null>): Finding[] {
  const status = result.data;
  if (!status || result.verdict === "ok" || result.verdict === "error" || result.verdict === "skipped") return [];
  const deployed = status.deployedRevision !== null ? `; revision ${status.deployedRevision} serves` : "";
  return [{ signal: "helm.status", verdict: "fail", reason: `Helm release ${status.name} revision ${status.revision} ${status.status}${deployed}`, procedure: "deployment-failures" }];
}

export async function probeKubernetes(context: CheckContext): Promise<SystemHealth> {
  const empty = { nodes: null, nodesReady: null, pods: null, podsNotReady: null };
  const target = catalogTarget(context.catalog);
  if (!target.ok) return { status: "not_configured", reasons: [target.error.message], figures: empty };
  const namespaces = context.catalog.systems.kubernetes.namespaces;
  const [result, helm] = await Promise.all([
    kubeCall(target.target, context.deadlineMs, "nodes and pods", async ({ options }) => {
      const api = coreApi(target.target);
      const [nodes, ...pods] = await Promise.all([api.listNode({}, options), ...namespaces.map((namespace) => api.listNamespacedPod({ namespace }, options))]);
      return kubernetesHealth(nodes.items, namespaces.map((namespace, index) => ({ namespace, pods: pods[index]!.items })));
    }),
    helmSignal(context).read(),
  ]);
  if (result.ok) {
    const findings = helm ? helmFinding(helm as CheckResult<HelmReleaseStatus | null>) : [];
    if (!findings.length) return result.value;
    return { ...result.value, status: result.value.status === "down" ? "down" : "degraded", reasons: [...result.value.reasons, ...findings.map((finding) => finding.reason)], findings };
  }
  const { kind, message } = result.error;
  return { status: "unknown", reasons: [`API server: ${kind.replace("_", " ")} (${printable(message)})`], figures: empty };
}
