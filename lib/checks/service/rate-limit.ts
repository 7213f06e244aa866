import { z } from "zod";
import { counterTotal } from "@/lib/connectors/http/prometheus-text";
import { rateLimitedTotal, SERVICE_METRICS, symptomRatesBy } from "@/lib/health/service-figures";
import { defineCheck } from "../define-check";
import { judgeSymptomRate } from "./judge";
import { byLabel, count, grepSamples, roundSeconds, scrapeWindow, serviceName } from "./service-target";

/**
 * `curl http://normalization-service:9090/metrics | grep rate_limit`, run twice a few seconds
 * apart: 429s per second over that window, by API key owner — judged by the same
 * judgeSymptomRate as the overview's panel — with the limiter's counts since the process
 * started (what one curl shows) beside them.
 */
export const rateLimit = defineCheck({
  id: "service.rate-limit",
  system: "service",
  title: "Rate limiting",
  runbook: { procedure: "rate-limiting-issues", purpose: "Check rate limit metrics", command: "curl http://normalization-service:9090/metrics | grep rate_limit" },
  params: z.object({ service: serviceName.default("normalization-service") }),
  lab: true,
  async run(context, params) {
    const scraped = await scrapeWindow(context, params.service);
    if ("verdict" in scraped) return scraped;
    const { exposition, previous, thresholds, window } = scraped;
    const limited = rateLimitedTotal(exposition);
    const perSecondByOwner = symptomRatesBy("rateLimited", exposition, previous, window.seconds);
    const data = {
      service: params.service,
      window: { seconds: roundSeconds(window.seconds), perSecond: window.rateLimitedPerSecond, byOwner: perSecondByOwner },
      limited,
      checked: counterTotal(exposition, SERVICE_METRICS.rateLimitRequests),
      requestsByOutcome: byLabel(exposition.samples, SERVICE_METRICS.rateLimitRequests, "outcome"),
      limitedByOwner: byLabel(exposition.samples, SERVICE_METRICS.rateLimited, "owner"),
      samples: grepSamples(exposition.samples, "rate_limit"),
    };
    if (limited === null || window.rateLimitedPerSecond === null) return { verdict: "warn", summary: `${params.service} exposes no rate limit metrics`, data };
    const { verdict, reason } = judgeSymptomRate("rateLimited", window.rateLimitedPerSecond, thresholds, perSecondByOwner);
    const checked = data.checked !== null ? ` of ${count(data.checked)} checked` : "";
    const owners = Object.entries(data.limitedByOwner).sort((a, b) => b[1] - a[1]).map(([owner, value]) => `${owner} ${count(value)}`);
    const sinceStart = `${count(limited)} limited${checked} since process start${owners.length ? ` (${owners.join(", ")})` : ""}`;
    return { verdict, summary: `${params.service}: ${reason} over the last ${roundSeconds(window.seconds)} s; ${sinceStart}`, data };
  },
});
