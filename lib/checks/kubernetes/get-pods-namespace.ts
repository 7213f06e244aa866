import { z } from "zod";
import { catalogTarget } from "@/lib/connectors/kubernetes/kube-call";
import { listPods, type PodSummary } from "@/lib/connectors/kubernetes/pods";
import type { Verdict } from "../types";
import { connectorFailure, defineCheck } from "../define-check";
import { namespace } from "./params";

/**
 * `kubectl get pods -n data-processing` ("Check all services"): every pod of the
 * namespace with readiness, restarts and waiting reason. A pod waiting on an error
 * (CrashLoopBackOff, ErrImagePull, ImagePullBackOff, CreateContainerConfigError…) or
 * Failed fails the check; one merely not ready (Pending, ContainerCreating) or restarting
 * at least thresholds.restartsWarn times warns.
 */
export const FAILING_REASONS = ["CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "RunContainerError", "OOMKilled", "Error"];

export interface NamespacePods {
  namespace: string;
  pods: PodSummary[];
  ready: number;
  notReady: string[];
  failing: Array<{ name: string; reason: string }>;
}

const isReady = (pod: PodSummary) => pod.phase === "Succeeded" || (pod.ready.total > 0 && pod.ready.ready === pod.ready.total);

/** Pure: the verdict for a namespace's pods. */
export function judgeNamespacePods(namespaceName: string, pods: PodSummary[], restartsWarn: number): { verdict: Verdict; summary: string; data: NamespacePods } {
  const failing = pods
    .filter((pod) => pod.phase === "Failed" || (pod.waitingReason && FAILING_REASONS.includes(pod.waitingReason)))
    .map((pod) => ({ name: pod.name, reason: pod.waitingReason ?? pod.phase }));
  const notReady = pods.filter((pod) => !isReady(pod)).map((pod) => pod.name);
  const restarting = pods.filter((pod) => pod.restarts >= restartsWarn);
  const ready = pods.length - notReady.length;
  const verdict: Verdict = pods.length === 0 || failing.length ? "fail" : notReady.length || restarting.length ? "warn" : "ok";
  const parts = [`${ready}/${pods.length} pods ready in ${namespaceName}`];
  for (const pod of failing) parts.push(`${pod.name} ${pod.reason}`);
  for (const name of notReady.filter((name) => !failing.some((pod) => pod.name === name)).slice(0, 5)) parts.push(`${name} not ready`);
  for (const pod of restarting.slice(0, 5)) parts.push(`${pod.name} ${pod.restarts} restarts`);
  return { verdict, summary: parts.join(", "), data: { namespace: namespaceName, pods, ready, notReady, failing } };
}

export const getPodsNamespace = defineCheck({
  id: "kubernetes.get-pods-namespace",
  system: "kubernetes",
  title: "All pods of a namespace",
  runbook: { procedure: "check-service-status", purpose: "Check all services", command: "kubectl get pods -n data-processing" },
  params: z.object({ namespace }),
  lab: true,
  async run(context, params) {
    const target = catalogTarget(context.catalog);
    if (!target.ok) return connectorFailure(target.error);
    const result = await listPods(target.target, params.namespace, "", context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    return judgeNamespacePods(params.namespace, result.value, context.thresholds.restartsWarn);
  },
});
