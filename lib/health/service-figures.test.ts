import { describe, expect, it } from "vitest";
import { parsePrometheusText } from "@/lib/connectors/http/prometheus-text";
import { rateLimitedTotal, serviceFigures } from "./service-figures";

/** The shape of the lab services' /metrics (prom-client): labelled counters that never counted have only HELP/TYPE lines. */
function exposition(values: { processed: number; errors?: number; quality?: number; limited?: number; auth?: number; tls?: number; buckets: [string, number][] }) {
  const lines = [
    "# HELP messages_processed_total Messages processed successfully",
    "# TYPE messages_processed_total counter",
    `messages_processed_total{topic="market-data"} ${values.processed}`,
    "# TYPE processing_errors_total counter",
    ...(values.errors !== undefined ? [`processing_errors_total{type="kafka"} ${values.errors}`] : []),
    "# TYPE processing_duration_seconds histogram",
    ...values.buckets.map(([le, count]) => `processing_duration_seconds_bucket{le="${le}"} ${count}`),
    `processing_duration_seconds_count ${values.buckets.at(-1)?.[1] ?? 0}`,
    "# TYPE data_quality_issues_total counter",
    ...(values.quality !== undefined ? [`data_quality_issues_total{check="price_positive"} ${values.quality}`] : []),
    "# TYPE rate_limit_requests_total counter",
    `rate_limit_requests_total{outcome="allowed"} 100`,
    "# TYPE rate_limit_exceeded_total counter",
    ...(values.limited !== undefined ? [`rate_limit_exceeded_total{owner="trading-desk-a"} ${values.limited}`] : []),
    "# TYPE auth_failures_total counter",
    ...(values.auth !== undefined ? [`auth_failures_total{reason="revoked"} ${values.auth}`] : []),
    "# TYPE tls_handshake_errors_total counter",
    ...(values.tls !== undefined ? [`tls_handshake_errors_total{side="server",reason="handshake_failed"} ${values.tls}`] : []),
  ];
  return parsePrometheusText(lines.join("\n"));
}

const fast: [string, number][] = [["0.005", 900], ["0.01", 990], ["0.5", 1000], ["+Inf", 1000]];

describe("serviceFigures with one scrape (first sweep)", () => {
  it("has no rates, and quantiles and the error rate since the process started", () => {
    const figures = serviceFigures(exposition({ processed: 1000, errors: 20, buckets: fast }));
    expect(figures).toMatchObject({ window: "since_start", seconds: null, restarted: false, processedPerSecond: null, qualityIssuesPerSecond: null, rateLimitedPerSecond: null, authFailuresPerSecond: null, tlsErrorsPerSecond: null, observations: 1000 });
    expect(figures.errorRate).toBeCloseTo(0.02, 10);
    expect(figures.p50Seconds).toBeCloseTo(0.005 * (500 / 900), 10);
    expect(figures.p95Seconds).toBeCloseTo(0.005 + 0.005 * (50 / 90), 10);
    expect(figures.p99Seconds).toBeCloseTo(0.01, 10);
  });

  it("treats a non-positive window as one scrape", () => {
    const scrape = exposition({ processed: 10, buckets: fast });
    expect(serviceFigures(scrape, scrape, 0).window).toBe("since_start");
  });
});

describe("serviceFigures over two scrapes", () => {
  const previous = exposition({ processed: 1000, errors: 10, quality: 5, limited: 0, auth: 2, tls: 1, buckets: fast });

  it("turns counters into per-second rates over the window", () => {
    const current = exposition({ processed: 1200, errors: 14, quality: 15, limited: 40, auth: 2, tls: 3, buckets: [["0.005", 1000], ["0.01", 1100], ["0.5", 1200], ["+Inf", 1200]] });
    const figures = serviceFigures(current, previous, 10);
    expect(figures).toMatchObject({ window: "window", seconds: 10, restarted: false, processedPerSecond: 20, qualityIssuesPerSecond: 1, rateLimitedPerSecond: 4, authFailuresPerSecond: 0, tlsErrorsPerSecond: 0.2, observations: 200 });
    expect(figures.errorRate).toBeCloseTo(4 / 200, 10);
  });

  it("computes quantiles over the window only: a slow window shows even when the process's history is fast", () => {
    const history = exposition({ processed: 10_000, buckets: [["0.005", 9_000], ["0.01", 9_990], ["0.5", 10_000], ["+Inf", 10_000]] });
    // 100 new observations, 10 of them between 0.01 and 0.5 s.
    const current = exposition({ processed: 10_100, buckets: [["0.005", 9_090], ["0.01", 10_080], ["0.5", 10_100], ["+Inf", 10_100]] });
    const figures = serviceFigures(current, history, 5);
    expect(figures.observations).toBe(100);
    expect(figures.p50Seconds).toBeCloseTo(0.005 * (50 / 90), 10);
    // rank 99 of 100: bucket (0.01, 0.5] holds 10 (from 90 to 100) → 0.01 + 0.49 * 9/10
    expect(figures.p99Seconds).toBeCloseTo(0.01 + 0.49 * 0.9, 10);
    // the cumulative view hides it: p99 since start stays at about 10 ms
    expect(serviceFigures(current).p99Seconds).toBeLessThan(0.02);
  });

  it("has null quantiles when nothing was observed in the window, and no error rate when nothing happened", () => {
    const figures = serviceFigures(previous, previous, 5);
    expect(figures).toMatchObject({ processedPerSecond: 0, observations: 0, p50Seconds: null, p99Seconds: null, errorRate: null });
  });

  it("calls everything failing an error rate of 1 when errors were counted but nothing processed", () => {
    const current = exposition({ processed: 1000, errors: 30, buckets: fast });
    expect(serviceFigures(current, previous, 10)).toMatchObject({ processedPerSecond: 0, errorRate: 1 });
  });

  it("survives a restart: the newer counters alone are the window, and it says so", () => {
    const restarted = exposition({ processed: 50, errors: 1, quality: 0, limited: 0, auth: 0, tls: 0, buckets: [["0.005", 40], ["0.01", 50], ["0.5", 50], ["+Inf", 50]] });
    const figures = serviceFigures(restarted, previous, 10);
    expect(figures).toMatchObject({ restarted: true, processedPerSecond: 5, observations: 50, qualityIssuesPerSecond: 0 });
    expect(figures.errorRate).toBeCloseTo(1 / 50, 10);
    expect(figures.p99Seconds).toBeGreaterThan(0.005);
    expect(figures.p99Seconds).toBeLessThanOrEqual(0.01);
  });

  it("detects a restart from the histogram alone", () => {
    const current = exposition({ processed: 1100, errors: 10, quality: 5, limited: 0, auth: 2, tls: 1, buckets: [["0.005", 5], ["0.01", 5], ["0.5", 5], ["+Inf", 5]] });
    expect(serviceFigures(current, previous, 10).restarted).toBe(true);
  });
});

describe("missing metrics", () => {
  it("reads a declared counter without samples as 0 and an absent one as null", () => {
    const declaredOnly = exposition({ processed: 100, buckets: fast });
    const bare = parsePrometheusText("messages_processed_total 100\n");
    expect(serviceFigures(declaredOnly, declaredOnly, 5)).toMatchObject({ qualityIssuesPerSecond: 0, authFailuresPerSecond: 0, tlsErrorsPerSecond: 0, rateLimitedPerSecond: 0, errorRate: null });
    expect(serviceFigures(bare, bare, 5)).toMatchObject({ processedPerSecond: 0, qualityIssuesPerSecond: null, authFailuresPerSecond: null, tlsErrorsPerSecond: null, rateLimitedPerSecond: null, p99Seconds: null, observations: null, errorRate: null });
  });

  it("gives null rates when a metric appears only in the newer scrape (a new version exposing it)", () => {
    const before = parsePrometheusText("messages_processed_total 100\n");
    const after = exposition({ processed: 150, quality: 3, buckets: fast });
    const figures = serviceFigures(after, before, 5);
    expect(figures).toMatchObject({ processedPerSecond: 10, qualityIssuesPerSecond: null });
    // no histogram before: the quantiles are the newer scrape's since start
    expect(figures.observations).toBe(1000);
  });

  it("reads rate limiting from the limiter's outcome label when the 429 counter is absent", () => {
    expect(rateLimitedTotal(parsePrometheusText('rate_limit_requests_total{outcome="allowed"} 10\nrate_limit_requests_total{outcome="limited"} 7\n'))).toBe(7);
    expect(rateLimitedTotal(parsePrometheusText("# TYPE rate_limit_requests_total counter\n"))).toBe(0);
    expect(rateLimitedTotal(parsePrometheusText("up 1\n"))).toBeNull();
  });

  it("is empty, not a crash, for an empty exposition", () => {
    const empty = parsePrometheusText("");
    expect(serviceFigures(empty, empty, 5)).toMatchObject({ processedPerSecond: null, errorRate: null, p99Seconds: null, observations: null, restarted: false });
  });
});
