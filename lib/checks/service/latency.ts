import { z } from "zod";
import { bucketsOf, histogramQuantile } from "@/lib/connectors/http/prometheus-text";
import { SERVICE_METRICS } from "@/lib/health/service-figures";
import { defineCheck } from "../define-check";
import { judgeP99 } from "./judge";
import { count, grepSamples, milliseconds, scrapeWindow, serviceName, WINDOW_SECONDS } from "./service-target";

/**
 * `curl http://normalization-service:9090/metrics | grep duration`, run twice a few seconds
 * apart: p50/p95/p99 of processing_duration_seconds over that window — the figure the
 * overview's panel judges, by the same judgeP99 — and, beside it, since the process started
 * (what one curl shows). The window is judged; with no message in the window, the
 * since-start figures are, and the summary says so.
 */
export const latency = defineCheck({
  id: "service.latency",
  system: "service",
  title: "Processing latency",
  runbook: { procedure: "high-latency", purpose: "Check service performance", command: "curl http://normalization-service:9090/metrics | grep duration" },
  params: z.object({ service: serviceName.default("normalization-service") }),
  lab: true,
  async run(context, params) {
    const scraped = await scrapeWindow(context, params.service);
    if ("verdict" in scraped) return scraped;
    const { exposition, thresholds, window } = scraped;
    const buckets = bucketsOf(exposition.samples, SERVICE_METRICS.duration);
    const quantile = (q: number) => {
      const value = histogramQuantile(q, buckets);
      return Number.isFinite(value) ? value : null;
    };
    const observations = buckets.length ? buckets[buckets.length - 1]!.count : null;
    const sum = exposition.samples.find((sample) => sample.name === `${SERVICE_METRICS.duration}_sum`)?.value ?? null;
    const windowed = window.observations ? { seconds: Math.round((window.seconds ?? 0) * 10) / 10, observations: window.observations, p50Seconds: window.p50Seconds, p95Seconds: window.p95Seconds, p99Seconds: window.p99Seconds } : null;
    const data = {
      service: params.service,
      window: windowed,
      sinceStart: { observations, p50Seconds: quantile(0.5), p95Seconds: quantile(0.95), p99Seconds: quantile(0.99), meanSeconds: sum !== null && observations ? sum / observations : null },
      buckets: buckets.map((bucket) => ({ le: Number.isFinite(bucket.le) ? bucket.le : "+Inf", count: bucket.count })),
      samples: grepSamples(exposition.samples, "duration"),
    };
    if (!buckets.length) return { verdict: "warn", summary: `${params.service} exposes no ${SERVICE_METRICS.duration} histogram`, data };
    const judged = windowed?.p99Seconds != null ? windowed : data.sinceStart;
    if (judged.p99Seconds === null || judged.p50Seconds === null || judged.p95Seconds === null) return { verdict: "warn", summary: `${params.service}: no observations since process start`, data };
    const { verdict } = judgeP99(judged.p99Seconds, thresholds);
    const over = windowed ? `over the last ${windowed.seconds} s (${count(windowed.observations)} messages)` : `over ${count(observations ?? 0)} messages since process start (none in the last ${WINDOW_SECONDS} s)`;
    const summary = `${params.service}: p50 ${milliseconds(judged.p50Seconds)}, p95 ${milliseconds(judged.p95Seconds)}, p99 ${milliseconds(judged.p99Seconds)} ${over}`;
    return { verdict, summary, data };
  },
});
