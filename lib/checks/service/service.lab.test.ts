import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PORTS } from "@/lab/core/paths";
import { metricSum } from "@/lab/tests/runbook";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { health } from "./health";
import { latency } from "./latency";
import { processed } from "./processed";
import { quality } from "./quality";
import { rateLimit } from "./rate-limit";

/**
 * Against the lab's services: /health on :18080/:18081, /metrics on :19090/:19091 (lab/README.md).
 * Counters are compared with the runbook's own `curl …/metrics | grep <name>` (metricSum), read
 * just before and just after the check: a counter only grows, so the check's figure lies between.
 */
async function bracketed<T>(port: number, metric: string, read: () => Promise<T>): Promise<{ before: number; result: T; after: number }> {
  const before = await metricSum(port, metric);
  const result = await read();
  return { before, result, after: await metricSum(port, metric) };
}

describe("service checks (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("service.health: HTTP 200 with status ok, the body's other fields, and the time taken", async () => {
    const result = await runCheck(health, labContext(), {});
    expect(result).toMatchObject({ verdict: "ok", data: { service: "normalization-service", httpStatus: 200, status: "ok", details: { kafka: "consuming" } } });
    expect(result.summary).toMatch(/^normalization-service: HTTP 200, status "ok", \d+ ms$/);
    const enrichment = await runCheck(health, labContext(), { service: "enrichment-service" });
    expect(enrichment).toMatchObject({ verdict: "ok", data: { details: { clickhouse: "ok" } } });
  });

  it("service.processed: thousands of messages since start, as curl | grep processed counts them, errors as a ratio", async () => {
    const { before, result, after } = await bracketed(PORTS.normalizationMetrics, "messages_processed_total", () => runCheck(processed, labContext(), {}));
    expect(result.verdict).toBe("ok");
    expect(before).toBeGreaterThan(100);
    expect(result.data!.processedTotal).toBeGreaterThanOrEqual(before);
    expect(result.data!.processedTotal).toBeLessThanOrEqual(after);
    expect(result.data!.samples.map((sample) => sample.name)).toContain("messages_processed_total");
    expect(result.data!.samples[0]!.labels).toEqual({ topic: "market-data" });
    expect(result.summary).toMatch(/^normalization-service: [\d,]+ messages processed, [\d,]+ errors( \([\d.]+%\))? since process start$/);
  });

  // The check judges the rate over its window, as the panel does; the count since process
  // start (what one curl shows) stays beside it, between the runbook's own readings.
  it("service.quality: enrichment-service's data quality counter as curl | grep quality reads it; judged on the rate over the window", async () => {
    const { before, result, after } = await bracketed(PORTS.enrichmentMetrics, "data_quality_issues_total", () => runCheck(quality, labContext(), {}));
    const { window, sinceStart } = result.data!;
    expect(sinceStart.total).toBeGreaterThanOrEqual(before);
    expect(sinceStart.total).toBeLessThanOrEqual(after);
    expect(window.seconds).toBeGreaterThanOrEqual(3);
    // the window lies within the bracket: it cannot have seen more issues than the counter grew by
    expect(window.perSecond! * window.seconds).toBeLessThanOrEqual(after - before + 1e-9);
    expect(result.verdict).toBe(window.perSecond! >= 0.1 ? "warn" : "ok");
    if (after === before) expect(result).toMatchObject({ verdict: "ok", data: { window: { perSecond: 0 } } });
    expect(result.summary).toMatch(/^enrichment-service: data-quality issues [\d.]+\/s.* over the last [\d.]+ s; (none|[\d,]+) since process start/);
  });

  it("service.latency: p50 ≤ p95 ≤ p99 over the last seconds, milliseconds in the lab, with since start beside", async () => {
    const result = await runCheck(latency, labContext(), {});
    expect(result.verdict).toBe("ok");
    const { window, sinceStart } = result.data!;
    expect(window, "normalization-service processes ~20 ticks/s: the 3 s window has messages").not.toBeNull();
    expect(window!.observations).toBeGreaterThan(10);
    expect(window!.p50Seconds!).toBeGreaterThan(0);
    expect(window!.p50Seconds!).toBeLessThanOrEqual(window!.p95Seconds!);
    expect(window!.p95Seconds!).toBeLessThanOrEqual(window!.p99Seconds!);
    expect(window!.p99Seconds!).toBeLessThan(0.25);
    expect(sinceStart.observations).toBeGreaterThan(window!.observations);
    expect(result.summary).toMatch(/^normalization-service: p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms over the last [\d.]+ s \([\d,]+ messages\)$/);
    // grep duration also finds Node's GC histogram, as the runbook's command does
    expect(result.data!.samples.some((sample) => sample.name.startsWith("nodejs_gc_duration_seconds"))).toBe(true);
  });

  it("service.rate-limit: requests checked by the limiter as curl | grep rate_limit counts them; judged on 429s per second over the window", async () => {
    const checked = await bracketed(PORTS.normalizationMetrics, "rate_limit_requests_total", () => runCheck(rateLimit, labContext(), {}));
    const result = checked.result;
    expect(checked.before).toBeGreaterThan(0);
    expect(result.data!.checked).toBeGreaterThanOrEqual(checked.before);
    expect(result.data!.checked).toBeLessThanOrEqual(checked.after);
    expect(result.data!.requestsByOutcome.allowed).toBeGreaterThan(0);
    // limited since start, read the runbook's way after the check: 0 then means 0 during it
    const limited = await metricSum(PORTS.normalizationMetrics, "rate_limit_exceeded_total");
    if (limited === 0) expect(result).toMatchObject({ verdict: "ok", data: { limited: 0, window: { perSecond: 0 } } });
    else expect(result.data!.limited).toBeLessThanOrEqual(limited);
    expect(result.verdict).toBe(result.data!.window.perSecond! >= 0.5 ? "warn" : "ok");
  });

  it("refuses services that are not in the catalog and parameters that are not names", async () => {
    expect(await runCheck(health, labContext(), { service: "billing-service" })).toMatchObject({ verdict: "error", summary: "no such service in the catalog: billing-service", error: { kind: "not_found" } });
    expect(await runCheck(latency, labContext(), { service: "../../etc" })).toMatchObject({ verdict: "error", summary: expect.stringMatching(/^bad parameters: service/) });
  });

  it("is skipped for a service without health or metrics URL", async () => {
    const context = labContext({ overrides: { NORMALIZATION_SERVICE_URL: undefined, NORMALIZATION_SERVICE_METRICS_URL: undefined } });
    expect(await runCheck(health, context, {})).toMatchObject({ verdict: "skipped", summary: expect.stringMatching(/^not configured: no health URL/) });
    expect(await runCheck(processed, context, {})).toMatchObject({ verdict: "skipped", summary: expect.stringMatching(/^not configured: no metrics URL/) });
  });

  it("is an error for a closed port, and for a service that never answers within the deadline", async () => {
    const port = await closedPort();
    const closed = labContext({ overrides: { NORMALIZATION_SERVICE_URL: `http://127.0.0.1:${port}`, NORMALIZATION_SERVICE_METRICS_URL: `http://127.0.0.1:${port}/metrics` } });
    expect(await runCheck(health, closed, {})).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    expect(await runCheck(rateLimit, closed, {})).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    const hung = labContext({ overrides: { NORMALIZATION_SERVICE_URL: `http://127.0.0.1:${hole.port}`, NORMALIZATION_SERVICE_METRICS_URL: `http://127.0.0.1:${hole.port}/metrics` }, deadlineMs: 400 });
    for (const check of [health, processed, latency]) {
      const result = await runCheck(check as typeof health, hung, {});
      expect(result).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
    }
  });
});
