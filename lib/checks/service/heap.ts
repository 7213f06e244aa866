import { z } from "zod";
import { sumOf } from "@/lib/connectors/http/prometheus-text";
import { defineCheck } from "../define-check";
import { percent, scrapeService, serviceName } from "./service-target";

const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/**
 * `kubectl exec -it <pod-name> -- jmap -histo 1` ("Check heap dumps (if available)"): jmap is
 * a JVM tool and the console never execs into pods. What the runbook wants from it — how
 * full the heap is — the services publish in /metrics: Node's heap figures, or a JVM's
 * jvm_memory_bytes_* when the service runs on one.
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
    const nodeUsed = sumOf(samples, "nodejs_heap_size_used_bytes");
    const nodeTotal = sumOf(samples, "nodejs_heap_size_total_bytes");
    const jvmUsed = sumOf(samples, "jvm_memory_bytes_used", { area: "heap" });
    const jvmMax = sumOf(samples, "jvm_memory_bytes_max", { area: "heap" });
    const resident = sumOf(samples, "process_resident_memory_bytes");
    // A JVM publishes its heap's maximum; Node only what V8 has allocated so far (not a limit,
    // so not judged: the container's limit is kubernetes.top-pods's business).
    const [runtime, used, max, allocated] = jvmUsed !== null ? (["jvm", jvmUsed, jvmMax, null] as const) : (["node", nodeUsed, null, nodeTotal] as const);
    const data = { service: params.service, runtime, heapUsedBytes: used, heapMaxBytes: max, heapAllocatedBytes: allocated, residentBytes: resident };
    if (used === null) return { verdict: "skipped", summary: `${params.service} publishes no heap figures in /metrics (neither nodejs_heap_* nor jvm_memory_*)`, data };
    const ratio = max ? used / max : null;
    const verdict = ratio === null ? "ok" : ratio >= scraped.thresholds.memoryFail ? "fail" : ratio >= scraped.thresholds.memoryWarn ? "warn" : "ok";
    const of = max ? ` of ${MiB(max)} (${percent(used / max)})` : allocated ? ` (${MiB(allocated)} allocated)` : "";
    const summary = `${params.service}: heap ${MiB(used)}${of}${resident !== null ? `, resident ${MiB(resident)}` : ""}`;
    return { verdict, summary, data };
  },
});
