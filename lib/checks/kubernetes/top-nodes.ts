import { z } from "zod";
import { catalogTarget } from "@/lib/connectors/kubernetes/kube-call";
import { topNodes as top, type NodeUsage } from "@/lib/connectors/kubernetes/metrics";
import { formatBytes } from "@/lib/connectors/kubernetes/quantity";
import type { Thresholds } from "@/lib/config/catalog";
import type { Verdict } from "../types";
import { connectorFailure, defineCheck } from "../define-check";
import { percent } from "./params";

/**
 * `kubectl top nodes` ("Check node resources"): each node's CPU and memory against its
 * allocatable, and whether it is Ready. Verdict: fail when a node is not Ready or its memory
 * is at least thresholds.memoryFail of allocatable; warn at thresholds.memoryWarn or when a
 * node has no metrics; ok otherwise. CPU is reported, not judged (it throttles, it does not kill).
 */
export function judgeTopNodes(nodes: NodeUsage[], thresholds: Pick<Thresholds, "memoryWarn" | "memoryFail">): { verdict: Verdict; summary: string; data: { nodes: NodeUsage[] } } {
  const notReady = nodes.filter((node) => !node.ready);
  const missing = nodes.filter((node) => node.missing);
  const memory = (node: NodeUsage) => node.memoryFraction ?? 0;
  const failing = nodes.filter((node) => memory(node) >= thresholds.memoryFail);
  const warning = nodes.filter((node) => memory(node) >= thresholds.memoryWarn);
  const parts = [`${nodes.length - notReady.length}/${nodes.length} nodes Ready`];
  for (const node of nodes) {
    if (node.missing) parts.push(`${node.name} no metrics`);
    else parts.push(`${node.name} CPU ${Math.round(node.cpuMillicores ?? 0)}m${node.cpuFraction !== null ? ` (${percent(node.cpuFraction)})` : ""}, memory ${formatBytes(node.memoryBytes ?? 0)}${node.memoryFraction !== null ? ` (${percent(node.memoryFraction)})` : ""}`);
  }
  const verdict: Verdict = nodes.length === 0 || notReady.length || failing.length ? "fail" : warning.length || missing.length ? "warn" : "ok";
  return { verdict, summary: parts.join(", "), data: { nodes } };
}

export const topNodes = defineCheck({
  id: "kubernetes.top-nodes",
  system: "kubernetes",
  title: "Node CPU and memory",
  runbook: { procedure: "service-not-starting", purpose: "Check node resources", command: "kubectl top nodes" },
  params: z.object({}),
  lab: true,
  async run(context) {
    const target = catalogTarget(context.catalog);
    if (!target.ok) return connectorFailure(target.error);
    const result = await top(target.target, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    return judgeTopNodes(result.value, context.thresholds);
  },
});
