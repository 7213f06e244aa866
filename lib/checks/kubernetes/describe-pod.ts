import { z } from "zod";
import { describePod as describe, type PodDescription } from "@/lib/connectors/kubernetes/describe-pod";
import { catalogTarget } from "@/lib/connectors/kubernetes/kube-call";
import { formatBytes } from "@/lib/connectors/kubernetes/quantity";
import type { Verdict } from "../types";
import { connectorFailure, defineCheck } from "../define-check";
import { FAILING_REASONS } from "./get-pods-namespace";
import { podRef, refOf } from "./params";

/**
 * `kubectl describe pod <pod-name> -n data-processing` ("Check pod events", and in High
 * Memory Usage "Check memory limits"; in Image Pull Failures "Check pod status"): each
 * container's image, state, last termination (OOMKilled, exit 137), restarts, memory
 * request and limit, and the pod's events. `<pod-name>` is the `pod` parameter, or the pod
 * kubectl would pick for `deployment` (default normalization-service).
 * Verdict: fail when a container waits on an error (CrashLoopBackOff, ImagePullBackOff…);
 * warn when not ready, last terminated by OOMKilled or an error, restarting at least
 * thresholds.restartsWarn times, or with Warning events; ok otherwise.
 */
export function judgeDescription(pod: PodDescription, restartsWarn: number): { verdict: Verdict; summary: string; data: PodDescription } {
  const containers = pod.containers;
  const ready = containers.filter((container) => container.ready).length;
  const restarts = containers.reduce((sum, container) => sum + container.restartCount, 0);
  const failing = containers.filter((container) => container.state.state === "waiting" && container.state.reason && FAILING_REASONS.includes(container.state.reason));
  const terminations = containers.filter((container) => container.lastTermination && container.lastTermination.reason !== "Completed");
  const warnings = pod.events.filter((event) => event.type === "Warning");
  const parts = [`${pod.name} ${pod.phase}`, `${ready}/${containers.length} ready`, `${restarts} restarts`];
  for (const container of failing) parts.push(`${container.name} ${container.state.reason}`);
  for (const container of containers) {
    const limit = container.limits.memoryBytes;
    const request = container.requests.memoryBytes;
    parts.push(limit !== null ? `memory limit ${formatBytes(limit)}${request !== null ? ` (request ${formatBytes(request)})` : ""}` : "no memory limit");
  }
  for (const container of terminations) parts.push(`last terminated ${container.lastTermination!.reason ?? "?"} (exit ${container.lastTermination!.exitCode ?? "?"})`);
  if (warnings.length) parts.push(`${warnings.length} Warning events (latest: ${warnings[0]!.reason})`);
  const verdict: Verdict = failing.length || pod.phase === "Failed" ? "fail" : ready < containers.length || terminations.length || restarts >= restartsWarn || warnings.length ? "warn" : "ok";
  return { verdict, summary: parts.join(", "), data: pod };
}

export const describePod = defineCheck({
  id: "kubernetes.describe-pod",
  system: "kubernetes",
  title: "Describe a pod",
  runbook: { procedure: "service-not-starting", purpose: "Check pod events", command: "kubectl describe pod <pod-name> -n data-processing" },
  variants: [
    { procedure: "high-memory-usage", purpose: "Check memory limits", command: "kubectl describe pod <pod-name> -n data-processing", params: {} },
    { procedure: "image-pull-failures", purpose: "Check pod status", command: "kubectl describe pod <pod-name> -n data-processing", params: {} },
  ],
  params: z.object(podRef("normalization-service")),
  lab: true,
  async run(context, params) {
    const target = catalogTarget(context.catalog);
    if (!target.ok) return connectorFailure(target.error);
    const result = await describe(target.target, params.namespace, refOf(params), context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    const judged = judgeDescription(result.value, context.thresholds.restartsWarn);
    if (params.container) judged.data = { ...judged.data, containers: judged.data.containers.filter((container) => container.name === params.container) };
    return judged;
  },
});
