import type { CheckContext } from "@/lib/checks/types";
import { adminHealth, collectorAnswers, scrapeCollector } from "@/lib/connectors/jaeger/jaeger";
import type { SystemHealth } from "../types";
import { SystemVerdict } from "./system-verdict";

/**
 * Jaeger in one look (runbook, Jaeger Issues: `curl http://jaeger-collector:14268/`; Trace
 * Quality Issues: `… :9090/metrics | grep traces`): the collector answers, its admin port is
 * available, spans saved and lost since it started. Calls in parallel within the deadline.
 */
export async function probeJaeger(context: CheckContext): Promise<SystemHealth> {
  const { collectorUrl, metricsUrl } = context.catalog.systems.jaeger;
  if (!collectorUrl && !metricsUrl) return { status: "not_configured", reasons: ["no Jaeger collector or metrics URL (JAEGER_COLLECTOR_URL, JAEGER_METRICS_URL)"], figures: {} };
  const [collector, admin, scraped] = await Promise.all([
    collectorUrl ? collectorAnswers(collectorUrl, context.deadlineMs) : null,
    metricsUrl ? adminHealth(metricsUrl, context.deadlineMs) : null,
    metricsUrl ? scrapeCollector(metricsUrl, context.deadlineMs) : null,
  ]);
  const verdict = new SystemVerdict("jaeger");
  if (collector && !collector.ok) verdict.raise("unknown", `collector: ${collector.error.kind} (${collector.error.message})`);
  if (admin) {
    if (!admin.ok) verdict.raise(collector?.ok ? "degraded" : "unknown", `admin: ${admin.error.kind}`);
    else if (admin.value.httpStatus !== 200) verdict.raise("down", `admin: ${admin.value.status}`);
  }
  const metrics = scraped?.ok ? scraped.value.metrics : null;
  if (metrics) {
    const lost = (metrics.spansRejected ?? 0) + (metrics.spansDropped ?? 0) + (metrics.spansSaveFailed ?? 0);
    const spans = `${(metrics.spansSaved ?? 0).toLocaleString("en-US")} spans saved, ${lost.toLocaleString("en-US")} lost since start`;
    if (lost > 0) verdict.raise("degraded", spans, "jaeger.trace-metrics", "trace-quality-issues");
    else verdict.note(spans);
    if (metrics.queueLength !== null && metrics.queueCapacity && metrics.queueLength / metrics.queueCapacity >= 0.95) verdict.raise("degraded", `queue ${metrics.queueLength}/${metrics.queueCapacity}`);
  }
  const { status, reasons, findings } = verdict;
  if (status === "ok" && !reasons.length) reasons.push("collector answers");
  return {
    status,
    reasons,
    findings,
    figures: {
      spansSaved: metrics?.spansSaved ?? null,
      spansDropped: metrics?.spansDropped ?? null,
      spansRejected: metrics?.spansRejected ?? null,
      queueLength: metrics?.queueLength ?? null,
      services: metrics ? Object.keys(metrics.savedByService).length : null,
      ms: collector ? Math.round(collector.ms) : null,
    },
  };
}
