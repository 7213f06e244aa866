import { z } from "zod";
import { counterTotal } from "@/lib/connectors/http/prometheus-text";
import { SERVICE_METRICS, symptomRatesBy } from "@/lib/health/service-figures";
import { defineCheck } from "../define-check";
import { judgeSymptomRate } from "./judge";
import { byLabel, count, grepSamples, roundSeconds, scrapeWindow, serviceName } from "./service-target";

/**
 * `curl http://enrichment-service:9090/metrics | grep quality`, run twice a few seconds apart:
 * data quality issues per second over that window, by check — judged by the same
 * judgeSymptomRate as the overview's panel, so the two never disagree — with the counts since
 * the process started (what one curl shows) beside them. A burst that is over is history,
 * not a symptom: the window says whether bad data is arriving now.
 */
export const quality = defineCheck({
  id: "service.quality",
  system: "service",
  title: "Data quality issues",
  runbook: { procedure: "data-quality-issues", purpose: "Check data quality metrics", command: "curl http://enrichment-service:9090/metrics | grep quality" },
  params: z.object({ service: serviceName.default("enrichment-service") }),
  lab: true,
  async run(context, params) {
    const scraped = await scrapeWindow(context, params.service);
    if ("verdict" in scraped) return scraped;
    const { exposition, previous, thresholds, window } = scraped;
    const total = counterTotal(exposition, SERVICE_METRICS.quality);
    const byCheck = byLabel(exposition.samples, SERVICE_METRICS.quality, "check");
    const perSecondByCheck = symptomRatesBy("quality", exposition, previous, window.seconds);
    const data = {
      service: params.service,
      window: { seconds: roundSeconds(window.seconds), perSecond: window.qualityIssuesPerSecond, byCheck: perSecondByCheck },
      sinceStart: { total, byCheck },
      samples: grepSamples(exposition.samples, "quality"),
    };
    if (total === null || window.qualityIssuesPerSecond === null) return { verdict: "warn", summary: `${params.service} exposes no ${SERVICE_METRICS.quality}`, data };
    const { verdict, reason } = judgeSymptomRate("quality", window.qualityIssuesPerSecond, thresholds, perSecondByCheck);
    const history = Object.entries(byCheck).sort((a, b) => b[1] - a[1]).map(([check, value]) => `${check} ${count(value)}`);
    const sinceStart = total === 0 ? "none since process start" : `${count(total)} since process start (${history.join(", ")})`;
    return { verdict, summary: `${params.service}: ${reason} over the last ${roundSeconds(window.seconds)} s; ${sinceStart}`, data };
  },
});
