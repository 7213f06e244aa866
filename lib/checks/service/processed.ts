import { z } from "zod";
import { counterTotal } from "@/lib/connectors/http/prometheus-text";
import { SERVICE_METRICS } from "@/lib/health/service-figures";
import { defineCheck } from "../define-check";
import { judgeErrorRate } from "./judge";
import { byLabel, count, grepSamples, percent, scrapeService, serviceName } from "./service-target";

/**
 * `curl http://normalization-service:9090/metrics | grep processed`: messages processed and
 * processing errors, cumulative since the process started (one scrape: the overview's
 * figures give the rates), with errors / processed judged by errorRateWarn/Fail.
 */
export const processed = defineCheck({
  id: "service.processed",
  system: "service",
  title: "Messages processed",
  runbook: { procedure: "data-not-processing", purpose: "Check service metrics", command: "curl http://normalization-service:9090/metrics | grep processed" },
  params: z.object({ service: serviceName.default("normalization-service") }),
  lab: true,
  async run(context, params) {
    const scraped = await scrapeService(context, params.service);
    if ("verdict" in scraped) return scraped;
    const { exposition, thresholds } = scraped;
    const processedTotal = counterTotal(exposition, SERVICE_METRICS.processed);
    const errorsTotal = counterTotal(exposition, SERVICE_METRICS.errors);
    const errorRatio = processedTotal && errorsTotal !== null ? errorsTotal / processedTotal : null;
    const data = {
      service: params.service,
      window: "since process start" as const,
      processedTotal,
      errorsTotal,
      errorRatio,
      errorsByType: byLabel(exposition.samples, SERVICE_METRICS.errors, "type"),
      samples: grepSamples(exposition.samples, "processed"),
    };
    if (processedTotal === null) return { verdict: "warn", summary: `${params.service} exposes no ${SERVICE_METRICS.processed}`, data };
    const errors = errorsTotal === null ? "" : `, ${count(errorsTotal)} errors${errorRatio !== null ? ` (${percent(errorRatio)})` : ""}`;
    const summary = `${params.service}: ${count(processedTotal)} messages processed${errors} since process start`;
    if (processedTotal === 0) return { verdict: errorsTotal ? "fail" : "warn", summary, data };
    const verdict = errorRatio === null ? "ok" : judgeErrorRate(errorRatio, thresholds).verdict;
    return { verdict, summary, data };
  },
});
