import { z } from "zod";
import { scrapeCollector, type TraceMetrics } from "@/lib/connectors/jaeger/jaeger";
import { connectorFailure, defineCheck } from "../define-check";
import { grepSamples } from "../service/service-target";

/**
 * `curl http://jaeger-collector:9090/metrics | grep traces` (the catalog's systems.jaeger.metricsUrl):
 * spans saved by service, rejected, dropped, failed to save, and the queue, since the
 * collector started. Any rejected, dropped or failed span is worth a look; a full queue fails.
 */
export const traceMetricsCheck = defineCheck({
  id: "jaeger.trace-metrics",
  system: "jaeger",
  title: "Jaeger trace metrics",
  runbook: { procedure: "trace-quality-issues", purpose: "Check trace metrics", command: "curl http://jaeger-collector:9090/metrics | grep traces" },
  params: z.object({}),
  lab: true,
  async run(context) {
    const result = await scrapeCollector(context.catalog.systems.jaeger.metricsUrl, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    return judgeTraceMetrics(result.value.metrics, grepSamples(result.value.exposition.samples, "traces").filter((sample) => sample.value !== 0));
  },
});

const n = (value: number | null) => (value === null ? "?" : Math.round(value).toLocaleString("en-US"));

/** Pure: verdict and summary for a collector's trace figures. */
export function judgeTraceMetrics(metrics: TraceMetrics, samples: ReturnType<typeof grepSamples> = []) {
  const data = { window: "since collector start" as const, metrics, samples };
  if (metrics.flavour === "none") return { verdict: "warn" as const, summary: "no Jaeger collector metrics found at this URL", data };
  const losses = (metrics.spansRejected ?? 0) + (metrics.spansDropped ?? 0) + (metrics.spansSaveFailed ?? 0);
  const queueFull = metrics.queueLength !== null && metrics.queueCapacity ? metrics.queueLength / metrics.queueCapacity : null;
  const services = Object.entries(metrics.savedByService).sort((a, b) => b[1] - a[1]).map(([service, value]) => `${service} ${n(value)}`);
  const parts = [
    `${n(metrics.spansSaved)} spans saved${services.length ? ` (${services.join(", ")})` : ""}`,
    `${n(metrics.spansRejected)} rejected`,
    `${n(metrics.spansDropped)} dropped`,
    ...(metrics.spansSaveFailed ? [`${n(metrics.spansSaveFailed)} failed to save`] : []),
    ...(metrics.queueLength !== null ? [`queue ${n(metrics.queueLength)}/${n(metrics.queueCapacity)}`] : []),
  ];
  const verdict: "ok" | "warn" | "fail" = queueFull !== null && queueFull >= 0.95 ? "fail" : losses > 0 || (queueFull !== null && queueFull >= 0.5) || !metrics.spansSaved ? "warn" : "ok";
  return { verdict, summary: `${parts.join(", ")} since collector start`, data };
}
