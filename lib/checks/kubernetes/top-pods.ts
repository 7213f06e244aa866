import { z } from "zod";
import { catalogTarget } from "@/lib/connectors/kubernetes/kube-call";
import { topPods as top, type PodUsage } from "@/lib/connectors/kubernetes/metrics";
import { formatBytes } from "@/lib/connectors/kubernetes/quantity";
import type { Thresholds } from "@/lib/config/catalog";
import type { Verdict } from "../types";
import { connectorFailure, defineCheck } from "../define-check";
import { labelSelector, namespace, percent } from "./params";
import { judgeMemory } from "../service/judge";

/**
 * `kubectl top pods -n data-processing` ("Check resource usage", "Check memory usage"):
 * CPU and memory of every pod from metrics-server, against the pods' limits.
 * Verdict: fail when a pod's memory is at least thresholds.memoryFail of its limit, warn
 * at thresholds.memoryWarn; ok otherwise (pods without a limit are listed, never judged).
 */
export interface TopPodsData {
  pods: PodUsage[];
  totalCpuMillicores: number;
  totalMemoryBytes: number;
  /** pods at or above memoryWarn of their limit, highest first */
  nearLimit: Array<{ name: string; memoryBytes: number; memoryLimitBytes: number; memoryOfLimit: number }>;
}

export function judgeTopPods(pods: PodUsage[], thresholds: Pick<Thresholds, "memoryWarn" | "memoryFail">): { verdict: Verdict; summary: string; data: TopPodsData } {
  const nearLimit = pods
    .filter((pod) => pod.memoryLimitBytes !== null && judgeMemory(pod.memoryBytes, pod.memoryLimitBytes, null, { memoryLimitWithinSeconds: 0, ...thresholds }).verdict !== "ok")
    .map((pod) => ({ name: pod.name, memoryBytes: pod.memoryBytes, memoryLimitBytes: pod.memoryLimitBytes!, memoryOfLimit: pod.memoryOfLimit! }))
    .sort((a, b) => b.memoryOfLimit - a.memoryOfLimit);
  const totalCpu = Math.round(pods.reduce((sum, pod) => sum + pod.cpuMillicores, 0));
  const totalMemory = pods.reduce((sum, pod) => sum + pod.memoryBytes, 0);
  const highest = [...pods].filter((pod) => pod.memoryOfLimit !== null).sort((a, b) => b.memoryOfLimit! - a.memoryOfLimit!)[0];
  const parts = [`${pods.length} pods, ${totalCpu}m CPU, ${formatBytes(totalMemory)} memory`];
  if (nearLimit.length) parts.push(...nearLimit.slice(0, 3).map((pod) => `${pod.name} ${formatBytes(pod.memoryBytes)} of ${formatBytes(pod.memoryLimitBytes)} (${percent(pod.memoryOfLimit)})`));
  else if (highest) parts.push(`highest ${highest.name} ${formatBytes(highest.memoryBytes)} of ${formatBytes(highest.memoryLimitBytes!)} (${percent(highest.memoryOfLimit!)})`);
  const verdict: Verdict =
    pods.length === 0 ? "warn" : nearLimit.some((pod) => judgeMemory(pod.memoryBytes, pod.memoryLimitBytes, null, { memoryLimitWithinSeconds: 0, ...thresholds }).verdict === "fail") ? "fail" : nearLimit.length ? "warn" : "ok";
  if (pods.length === 0) parts[0] = "no pod metrics (metrics-server has none yet, or no pods)";
  return { verdict, summary: parts.join(", "), data: { pods, totalCpuMillicores: totalCpu, totalMemoryBytes: totalMemory, nearLimit } };
}

export const topPods = defineCheck({
  id: "kubernetes.top-pods",
  system: "kubernetes",
  title: "Pod CPU and memory",
  runbook: { procedure: "service-not-starting", purpose: "Check resource usage", command: "kubectl top pods -n data-processing" },
  variants: [
    { procedure: "high-latency", purpose: "Check resource usage", command: "kubectl top pods -n data-processing", params: {} },
    { procedure: "high-memory-usage", purpose: "Check memory usage", command: "kubectl top pods -n data-processing", params: {} },
  ],
  params: z.object({ namespace, selector: labelSelector.optional() }),
  lab: true,
  async run(context, params) {
    const target = catalogTarget(context.catalog);
    if (!target.ok) return connectorFailure(target.error);
    const result = await top(target.target, params.namespace, context.deadlineMs, params.selector);
    if (!result.ok) return connectorFailure(result.error);
    return judgeTopPods(result.value, context.thresholds);
  },
});
