import { z } from "zod";
import { bucketsOf, histogramQuantile } from "@/lib/connectors/http/prometheus-text";
import { SERVICE_METRICS } from "@/lib/health/service-figures";
import { defineCheck } from "../define-check";
import { judgeP99 } from "./judge";
import { count, grepSamples, milliseconds, scrapeService, serviceName } from "./service-target";

/**
 * `curl http://normalization-service:9090/metrics | grep duration`: p50/p95/p99 of
 * processing_duration_seconds from one scrape, so cumulative SINCE THE PROCESS STARTED (a
 * recent slowdown shows late in a long-running process; the overview's figures take the
 * window between two scrapes). p99 judged by p99WarnSeconds/FailSeconds.
 */
export const latency = defineCheck({
  id: "service.latency",
  system: "service",
  title: "Processing latency",
  runbook: { procedure: "high-latency", purpose: "Check service performance", command: "curl http://normalization-service:9090/metrics | grep duration" },
  params: z.object({ service: serviceName.default("normalization-service") }),
  lab: true,
  async run(context, params) {
    const scraped = await scrapeService(context, params.service);
    if ("verdict" in scraped) return scraped;
    const { exposition, thresholds } = scraped;
    const buckets = bucketsOf(exposition.samples, SERVICE_METRICS.duration);
    const quantile = (q: number) => {
      const value = histogramQuantile(q, buckets);
      return Number.isFinite(value) ? value : null;
    };
    const observations = buckets.length ? buckets[buckets.length - 1]!.count : null;
    const sum = exposition.samples.find((sample) => sample.name === `${SERVICE_METRICS.duration}_sum`)?.value ?? null;
    const data = {
      service: params.service,
      window: "since process start" as const,
      observations,
      p50Seconds: quantile(0.5),
      p95Seconds: quantile(0.95),
      p99Seconds: quantile(0.99),
      meanSeconds: sum !== null && observations ? sum / observations : null,
      buckets: buckets.map((bucket) => ({ le: Number.isFinite(bucket.le) ? bucket.le : "+Inf", count: bucket.count })),
      samples: grepSamples(exposition.samples, "duration"),
    };
    if (!buckets.length) return { verdict: "warn", summary: `${params.service} exposes no ${SERVICE_METRICS.duration} histogram`, data };
    if (data.p99Seconds === null || data.p50Seconds === null || data.p95Seconds === null) return { verdict: "warn", summary: `${params.service}: no observations since process start`, data };
    const p99 = data.p99Seconds;
    const { verdict } = judgeP99(p99, thresholds);
    const summary = `${params.service}: p50 ${milliseconds(data.p50Seconds)}, p95 ${milliseconds(data.p95Seconds)}, p99 ${milliseconds(p99)} over ${count(observations ?? 0)} messages since process start`;
    return { verdict, summary, data };
  },
});
