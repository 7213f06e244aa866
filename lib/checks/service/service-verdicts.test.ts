import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { thresholdsFor } from "@/lib/config/catalog";
import { parseConsoleConfig } from "@/lib/config/console-config";
import { runCheck } from "../define-check";
import type { CheckContext } from "../types";
import { health } from "./health";
import { latency } from "./latency";
import { processed } from "./processed";
import { quality } from "./quality";
import { rateLimit } from "./rate-limit";

/**
 * Verdicts on figures the lab only shows under a fault: a local server plays the service's
 * own /health and /metrics, with the exposition written the way prom-client writes it.
 */
let server: Server;
let base = "";
let metrics = "";
/** served instead of `metrics` from the second scrape on, when set (a window that changed) */
let laterMetrics: string | null = null;
let scrapes = 0;
let healthBody = "";
let healthStatus = 200;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/metrics") response.writeHead(200, { "content-type": "text/plain" }).end(++scrapes > 1 && laterMetrics !== null ? laterMetrics : metrics);
    else response.writeHead(healthStatus, { "content-type": "application/json" }).end(healthBody);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

function context(yaml = ""): CheckContext {
  const env = { NORMALIZATION_SERVICE_URL: base, NORMALIZATION_SERVICE_METRICS_URL: `${base}/metrics` };
  const parsed = parseConsoleConfig(yaml, "test.yaml", env);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return { catalog: parsed.config, thresholds: thresholdsFor(parsed.config), deadlineMs: 1_000, env };
}

const histogram = (buckets: [string, number][]) => ["# TYPE processing_duration_seconds histogram", ...buckets.map(([le, n]) => `processing_duration_seconds_bucket{le="${le}"} ${n}`)].join("\n");

describe("service check verdicts", () => {
  it("service.health: a 503 fails, a 200 with a status other than ok warns", async () => {
    healthStatus = 503;
    healthBody = JSON.stringify({ service: "normalization-service", status: "unhealthy", kafka: "disconnected" });
    expect(await runCheck(health, context(), {})).toMatchObject({ verdict: "fail", summary: expect.stringMatching(/^normalization-service: HTTP 503, status "unhealthy", \d+ ms$/), data: { details: { kafka: "disconnected" } } });
    healthStatus = 200;
    healthBody = JSON.stringify({ status: "degraded" });
    expect(await runCheck(health, context(), {})).toMatchObject({ verdict: "warn" });
    healthBody = "OK";
    expect(await runCheck(health, context(), {})).toMatchObject({ verdict: "ok", summary: expect.stringContaining("not JSON"), data: { text: "OK" } });
  });

  it("service.processed: errors against processed by the thresholds, a service's own override winning", async () => {
    metrics = 'messages_processed_total{topic="market-data"} 1000\nprocessing_errors_total{type="kafka"} 15\nprocessing_errors_total{type="clickhouse"} 5\n';
    const result = await runCheck(processed, context(), {});
    expect(result).toMatchObject({ verdict: "warn", summary: "normalization-service: 1,000 messages processed, 20 errors (2.0%) since process start", data: { errorsByType: { kafka: 15, clickhouse: 5 }, errorRatio: 0.02 } });
    metrics = "messages_processed_total 1000\nprocessing_errors_total 200\n";
    expect((await runCheck(processed, context(), {})).verdict).toBe("fail");
    metrics = "messages_processed_total 1000\nprocessing_errors_total 20\n";
    const lenient = `services:\n  - name: normalization-service\n    metricsUrl: ${base}/metrics\n    thresholds: { errorRateWarn: 0.05 }\n`;
    expect((await runCheck(processed, context(lenient), {})).verdict).toBe("ok");
    metrics = "messages_processed_total 0\n# TYPE processing_errors_total counter\n";
    expect(await runCheck(processed, context(), {})).toMatchObject({ verdict: "warn", summary: "normalization-service: 0 messages processed, 0 errors since process start" });
    metrics = "up 1\n";
    expect(await runCheck(processed, context(), {})).toMatchObject({ verdict: "warn", summary: "normalization-service exposes no messages_processed_total" });
  });

  it("service.latency: p99 of the last seconds against p99WarnSeconds / p99FailSeconds, as the panel judges it", async () => {
    // 1,000 fast messages since start, then 100 in the window of which 5 took up to half a second
    metrics = histogram([["0.01", 1000], ["0.5", 1000], ["1", 1000], ["+Inf", 1000]]);
    laterMetrics = histogram([["0.01", 1095], ["0.5", 1100], ["1", 1100], ["+Inf", 1100]]);
    scrapes = 0;
    const windowed = await runCheck(latency, context(), {});
    laterMetrics = null;
    expect(windowed.verdict).toBe("warn");
    expect(windowed.data!.window).toMatchObject({ observations: 100 });
    expect(windowed.data!.window!.p99Seconds).toBeCloseTo(0.402, 3);
    expect(windowed.data!.sinceStart.p99Seconds).toBeLessThan(0.25);
    expect(windowed.summary).toMatch(/^normalization-service: p50 [\d.]+ ms, p95 [\d.]+ ms, p99 402 ms over the last [\d.]+ s \(100 messages\)$/);
  }, 15_000);

  it("service.latency: without messages in the window, since start is judged and said", async () => {
    metrics = histogram([["0.01", 10], ["1", 11], ["5", 1000], ["+Inf", 1000]]);
    const stale = await runCheck(latency, context(), {});
    expect(stale.verdict).toBe("fail");
    expect(stale.summary).toMatch(/over 1,000 messages since process start \(none in the last 3 s\)$/);
    metrics = histogram([["0.01", 0], ["+Inf", 0]]);
    expect(await runCheck(latency, context(), {})).toMatchObject({ verdict: "warn", summary: "normalization-service: no observations since process start" });
  }, 15_000);

  it("service.quality: issues arriving now warn, named by check, as the panel judges them; a burst that is over is history", async () => {
    // 15 since start, then 30 more price_positive failures within the ~3 s window: ~10/s
    metrics = 'data_quality_issues_total{check="price_positive"} 12\ndata_quality_issues_total{check="stale"} 3\n';
    laterMetrics = 'data_quality_issues_total{check="price_positive"} 42\ndata_quality_issues_total{check="stale"} 3\n';
    scrapes = 0;
    const arriving = await runCheck(quality, context(), { service: "normalization-service" });
    laterMetrics = null;
    expect(arriving.verdict).toBe("warn");
    expect(arriving.summary).toMatch(/^normalization-service: data-quality issues (9\.\d|10)\/s \(price ≤ 0\) over the last 3(\.\d)? s; 45 since process start \(price_positive 42, stale 3\)$/);
    expect(Object.keys(arriving.data!.window.byCheck)).toEqual(["price_positive"]);
    // the same 15 in both scrapes: nothing now, so ok — the overview's panel says ok too
    const over = await runCheck(quality, context(), { service: "normalization-service" });
    expect(over).toMatchObject({ verdict: "ok", data: { window: { perSecond: 0 }, sinceStart: { total: 15 } } });
    expect(over.summary).toMatch(/^normalization-service: data-quality issues 0\.0\/s over the last 3(\.\d)? s; 15 since process start \(price_positive 12, stale 3\)$/);
  }, 15_000);

  it("service.rate-limit: 429s per second now, by owner, against rateLimitedWarnPerSecond; the counts since start beside", async () => {
    metrics = 'rate_limit_requests_total{outcome="allowed"} 300\nrate_limit_requests_total{outcome="limited"} 40\nrate_limit_exceeded_total{owner="trading-desk-a"} 40\n';
    laterMetrics = 'rate_limit_requests_total{outcome="allowed"} 330\nrate_limit_requests_total{outcome="limited"} 70\nrate_limit_exceeded_total{owner="trading-desk-a"} 70\n';
    scrapes = 0;
    const storm = await runCheck(rateLimit, context(), {});
    laterMetrics = null;
    expect(storm.verdict).toBe("warn");
    expect(storm.summary).toMatch(/^normalization-service: 429s (9\.\d|10)\/s \(for trading-desk-a\) over the last 3(\.\d)? s; 70 limited of 400 checked since process start \(trading-desk-a 70\)$/);
    const quiet = await runCheck(rateLimit, context(), {});
    expect(quiet).toMatchObject({ verdict: "ok", data: { limited: 40, window: { perSecond: 0 } } });
  }, 15_000);
});
