import { z } from "zod";
import type { Thresholds } from "@/lib/config/catalog";
import { sumOf } from "@/lib/connectors/http/prometheus-text";
import { kubeTarget } from "@/lib/connectors/kubernetes/kube-client";
import { listPods } from "@/lib/connectors/kubernetes/pods";
import { failure, type ConnectorError, type ConnectorResult } from "@/lib/connectors/result";
import { connectorFailure, defineCheck } from "../define-check";
import { judgeMemory } from "./judge";
import { percent, scrapeService, serviceName } from "./service-target";

const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export interface HeapFigures {
  runtime: "jvm" | "node";
  heapUsedBytes: number;
  /** a JVM's heap maximum (-Xmx); Node publishes none */
  heapMaxBytes: number | null;
  /** what V8 has allocated so far (not a limit) */
  heapAllocatedBytes: number | null;
  residentBytes: number | null;
  /** the container's memory limit from the pod spec; null when unknown */
  limitBytes: number | null;
}

export type HeapJudgement = { verdict: "ok" | "warn" | "fail" | "skipped"; summary: string };

/**
 * Pure: the heap and the process's memory judged by the shared judgeMemory — a JVM's heap
 * against its maximum, and the resident memory (what the kernel counts against the
 * container, and what OOMKills it) against the pod spec's limit. Nothing to judge against
 * (a Node service whose limit is unknown) is `skipped` with why, never a silent `ok`.
 */
export function judgeHeap(service: string, figures: HeapFigures, thresholds: Pick<Thresholds, "memoryWarn" | "memoryFail">, limitUnknown = "no memory limit in the pod spec"): HeapJudgement {
  const { heapUsedBytes: used, heapMaxBytes: max, heapAllocatedBytes: allocated, residentBytes: resident, limitBytes: limit } = figures;
  const lines = { ...thresholds, memoryLimitWithinSeconds: 0 };
  const heap = max ? judgeMemory(used, max, null, lines) : null;
  const container = limit && resident !== null ? judgeMemory(resident, limit, null, lines) : null;
  const of = max ? ` of ${MiB(max)} (${percent(used / max)})` : allocated ? ` (${MiB(allocated)} allocated)` : "";
  const parts = [`heap ${MiB(used)}${of}${resident !== null ? `, resident ${MiB(resident)}` : ""}`];
  if (container) parts.push(container.reason);
  else parts.push(resident === null ? "resident memory not published, not judged against the limit" : `not judged against the container: ${limitUnknown}`);
  const judged = [heap, container].filter((judgement) => judgement !== null);
  const verdict = judged.some((j) => j.verdict === "fail") ? "fail" : judged.some((j) => j.verdict === "warn") ? "warn" : judged.length ? "ok" : "skipped";
  return { verdict, summary: `${service}: ${parts.join("; ")}` };
}

/**
 * `kubectl exec -it <pod-name> -- jmap -histo 1` ("Check heap dumps (if available)"): jmap is
 * a JVM tool and the console never execs into pods. What the runbook wants from it — how
 * full the memory is — the services publish in /metrics (Node's heap figures, or a JVM's
 * jvm_memory_bytes_*), judged against the container's limit from the pod spec
 * (`kubectl get pods -l app=<service>`), the line the OOM killer acts on.
 */
export const heap = defineCheck({
  id: "service.heap",
  system: "service",
  title: "Heap usage",
  runbook: { procedure: "high-memory-usage", purpose: "Check heap dumps (if available)", command: "kubectl exec -it <pod-name> -n data-processing -- jmap -histo 1" },
  params: z.object({ service: serviceName.default("normalization-service") }),
  lab: true,
  async run(context, params) {
    const scraped = await scrapeService(context, params.service);
    if ("verdict" in scraped) return scraped;
    const { samples } = scraped.exposition;
    const jvmUsed = sumOf(samples, "jvm_memory_bytes_used", { area: "heap" });
    const used = jvmUsed ?? sumOf(samples, "nodejs_heap_size_used_bytes");
    const resident = sumOf(samples, "process_resident_memory_bytes");
    const target = kubeTarget(context.catalog.systems.kubernetes);
    const { service } = scraped;
    const pods: ConnectorResult<{ memoryLimitBytes?: number | null }[]> = target
      ? await listPods(target, service.namespace, service.selector ?? `app=${service.name}`, context.deadlineMs)
      : failure("not_configured", "no kubeconfig (set KUBECONFIG or systems.kubernetes.kubeconfig)");
    // The largest pod's limit, as the overview's memory panel takes it (probe-service.ts).
    const limit = pods.ok ? Math.max(0, ...pods.value.map((pod) => pod.memoryLimitBytes ?? 0)) || null : null;
    const figures: HeapFigures = {
      runtime: jvmUsed !== null ? "jvm" : "node",
      heapUsedBytes: used ?? 0,
      heapMaxBytes: jvmUsed !== null ? sumOf(samples, "jvm_memory_bytes_max", { area: "heap" }) : null,
      heapAllocatedBytes: jvmUsed !== null ? null : sumOf(samples, "nodejs_heap_size_total_bytes"),
      residentBytes: resident,
      limitBytes: limit,
    };
    const data = { service: params.service, ...figures };
    if (used === null) return { verdict: "skipped", summary: `${params.service} publishes no heap figures in /metrics (neither nodejs_heap_* nor jvm_memory_*)`, data };
    const kubeError: ConnectorError | null = pods.ok ? null : pods.error;
    const why = kubeError ? `pod spec not read (${kubeError.kind.replace("_", " ")}: ${kubeError.message})` : pods.ok && pods.value.length === 0 ? "no pods found" : undefined;
    const judged = judgeHeap(params.service, figures, scraped.thresholds, why);
    // Nothing judged because Kubernetes did not answer is that failure, not a quiet skip.
    if (judged.verdict === "skipped" && kubeError && kubeError.kind !== "not_configured") return { ...connectorFailure(kubeError), summary: judged.summary, data };
    return { ...judged, data };
  },
});
