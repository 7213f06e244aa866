import { z } from "zod";
import { counterTotal } from "@/lib/connectors/http/prometheus-text";
import { rateLimitedTotal, SERVICE_METRICS } from "@/lib/health/service-figures";
import { defineCheck } from "../define-check";
import { byLabel, count, grepSamples, scrapeService, serviceName } from "./service-target";

/** `curl http://normalization-service:9090/metrics | grep rate_limit`: requests checked and rejected with 429 (by API key owner), since the process started. */
export const rateLimit = defineCheck({
  id: "service.rate-limit",
  system: "service",
  title: "Rate limiting",
  runbook: { procedure: "rate-limiting-issues", purpose: "Check rate limit metrics", command: "curl http://normalization-service:9090/metrics | grep rate_limit" },
  params: z.object({ service: serviceName.default("normalization-service") }),
  lab: true,
  async run(context, params) {
    const scraped = await scrapeService(context, params.service);
    if ("verdict" in scraped) return scraped;
    const { exposition } = scraped;
    const limited = rateLimitedTotal(exposition);
    const requests = byLabel(exposition.samples, SERVICE_METRICS.rateLimitRequests, "outcome");
    const data = {
      service: params.service,
      window: "since process start" as const,
      limited,
      checked: counterTotal(exposition, SERVICE_METRICS.rateLimitRequests),
      requestsByOutcome: requests,
      limitedByOwner: byLabel(exposition.samples, SERVICE_METRICS.rateLimited, "owner"),
      samples: grepSamples(exposition.samples, "rate_limit"),
    };
    if (limited === null) return { verdict: "warn", summary: `${params.service} exposes no rate limit metrics`, data };
    const checked = data.checked !== null ? ` of ${count(data.checked)} checked` : "";
    if (limited === 0) return { verdict: "ok", summary: `${params.service}: no requests rate limited${checked} since process start`, data };
    const owners = Object.entries(data.limitedByOwner).sort((a, b) => b[1] - a[1]).map(([owner, value]) => `${owner} ${count(value)}`);
    return { verdict: "warn", summary: `${params.service}: ${count(limited)} requests rate limited (429)${checked} since process start${owners.length ? ` (${owners.join(", ")})` : ""}`, data };
  },
});
