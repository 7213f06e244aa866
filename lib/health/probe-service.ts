import "server-only";
import type { CheckContext } from "@/lib/checks/types";
import type { CatalogService } from "@/lib/config/catalog";
import { probeHealth, scrapeMetrics } from "@/lib/connectors/http/service-endpoints";
import type { ParsedExposition } from "@/lib/connectors/http/prometheus-text";
import { kubeTarget } from "@/lib/connectors/kubernetes/kube-client";
import { listPods, type PodSummary } from "@/lib/connectors/kubernetes/pods";
import type { ConnectorResult } from "@/lib/connectors/result";
import { evaluateService } from "./evaluate-service";
import { serviceFigures } from "./service-figures";
import { consumerLag } from "./systems/kafka";
import type { SystemHealth } from "./types";

/**
 * One service's panel: what the runbook's "Check Service Status" and "Data Not Processing"
 * commands would show, gathered at once, each call with the probe deadline. Rates and
 * windowed quantiles need the previous scrape, so a prober keeps it between sweeps.
 */
export function serviceProber(service: CatalogService, context: () => CheckContext): () => Promise<SystemHealth> {
  // Recent scrapes, so rates are taken over a window of at least MIN_WINDOW_MS however often
  // the panel is probed (ticks arrive in batches: a 50 ms window would often say 0/s).
  const scrapes: { at: number; scrape: ParsedExposition }[] = [];
  return async () => {
    const ctx = context();
    const target = kubeTarget(ctx.catalog.systems.kubernetes);
    const selector = service.selector ?? `app=${service.name}`;
    const [pods, health, metrics, lag] = await Promise.all([
      target ? listPods(target, service.namespace, selector, ctx.deadlineMs) : null,
      service.healthUrl ? probeHealth(service.healthUrl, ctx.deadlineMs) : null,
      service.metricsUrl ? scrapeMetrics(service.metricsUrl, ctx.deadlineMs) : null,
      service.kafka ? consumerLag(ctx, service.kafka.group, service.kafka.topics) : (null as ConnectorResult<number> | null),
    ]);
    const at = Date.now();
    let figures: SystemHealth["figures"] = {};
    if (metrics?.ok) {
      // Under a second apart, a rate says more about batching than about the service: unknown until then.
      const previous = [...scrapes].reverse().find((entry) => at - entry.at >= MIN_WINDOW_MS) ?? scrapes.find((entry) => at - entry.at >= 1_000);
      const computed = serviceFigures(metrics.value, previous?.scrape, previous ? (at - previous.at) / 1000 : null);
      figures = Object.fromEntries(PANEL_FIGURES.map((key) => [key, computed[key]]));
      scrapes.push({ at, scrape: metrics.value });
      while (scrapes.length > 1 && at - scrapes[1]!.at >= MIN_WINDOW_MS) scrapes.shift();
    }
    if (lag?.ok) figures.consumerLag = lag.value;
    const evaluated = evaluateService(
      {
        pods,
        health: health ? (health.ok ? { ...health, value: { httpStatus: health.value.httpStatus } } : health) : null,
        figures: {
          processedPerSecond: num(figures.processedPerSecond),
          errorRate: num(figures.errorRate),
          p99Seconds: num(figures.p99Seconds),
          consumerLag: num(figures.consumerLag),
        },
      },
      ctx.thresholds,
    );
    const reasons = [...evaluated.reasons];
    if (metrics && !metrics.ok) reasons.push(`/metrics ${metrics.error.kind.replace("_", " ")}: ${metrics.error.message}`);
    if (lag && !lag.ok && lag.error.kind !== "not_configured") reasons.push(`consumer lag ${lag.error.kind.replace("_", " ")}: ${lag.error.message}`);
    if (pods?.ok) {
      figures.pods = pods.value.length;
      figures.podsReady = pods.value.filter((pod: PodSummary) => pod.ready.total > 0 && pod.ready.ready === pod.ready.total).length;
      figures.restarts = pods.value.reduce((sum: number, pod: PodSummary) => sum + pod.restarts, 0);
    }
    return { status: evaluated.status, reasons, figures };
  };
}

const MIN_WINDOW_MS = 5_000;

/** The figures a service panel shows (rates over the last sweep's window; quantiles since start on the first). */
const PANEL_FIGURES = ["processedPerSecond", "errorRate", "p50Seconds", "p95Seconds", "p99Seconds", "qualityIssuesPerSecond", "rateLimitedPerSecond", "authFailuresPerSecond", "tlsErrorsPerSecond"] as const;

const num = (value: number | string | null | undefined) => (typeof value === "number" && Number.isFinite(value) ? value : null);
