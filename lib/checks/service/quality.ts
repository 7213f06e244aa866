import { z } from "zod";
import { counterTotal } from "@/lib/connectors/http/prometheus-text";
import { SERVICE_METRICS } from "@/lib/health/service-figures";
import { defineCheck } from "../define-check";
import { byLabel, count, grepSamples, scrapeService, serviceName } from "./service-target";

/** `curl http://enrichment-service:9090/metrics | grep quality`: data quality issues by check, since the process started; any is worth a look. */
export const quality = defineCheck({
  id: "service.quality",
  system: "service",
  title: "Data quality issues",
  runbook: { procedure: "data-quality-issues", purpose: "Check data quality metrics", command: "curl http://enrichment-service:9090/metrics | grep quality" },
  params: z.object({ service: serviceName.default("enrichment-service") }),
  lab: true,
  async run(context, params) {
    const scraped = await scrapeService(context, params.service);
    if ("verdict" in scraped) return scraped;
    const { exposition } = scraped;
    const total = counterTotal(exposition, SERVICE_METRICS.quality);
    const byCheck = byLabel(exposition.samples, SERVICE_METRICS.quality, "check");
    const data = { service: params.service, window: "since process start" as const, total, byCheck, samples: grepSamples(exposition.samples, "quality") };
    if (total === null) return { verdict: "warn", summary: `${params.service} exposes no ${SERVICE_METRICS.quality}`, data };
    if (total === 0) return { verdict: "ok", summary: `${params.service}: no data quality issues since process start`, data };
    const checks = Object.entries(byCheck).sort((a, b) => b[1] - a[1]).map(([check, value]) => `${check} ${count(value)}`);
    return { verdict: "warn", summary: `${params.service}: ${count(total)} data quality issues since process start (${checks.join(", ")})`, data };
  },
});
