import { describe, expect, it } from "vitest";
import { buildPromql, PROMQL_TEMPLATES, promqlString } from "./promql";

describe("PromQL templates", () => {
  it("builds the runbook's query and the service figures", () => {
    expect(buildPromql("up")).toEqual({ ok: true, query: "up" });
    expect(buildPromql("up", { service: "normalization-service" })).toEqual({ ok: true, query: 'up{job="normalization-service"}' });
    expect(buildPromql("p99Seconds", { service: "enrichment-service", window: "5m" })).toEqual({
      ok: true,
      query: 'histogram_quantile(0.99, sum by (le) (rate(processing_duration_seconds_bucket{job="enrichment-service"}[5m])))',
    });
    expect(buildPromql("errorRate", { service: "normalization-service", label: "service" })).toEqual({
      ok: true,
      query: 'sum(rate(processing_errors_total{service="normalization-service"}[1m])) / sum(rate(messages_processed_total{service="normalization-service"}[1m]))',
    });
  });

  it("refuses anything that is not a service name or a listed window or label", () => {
    for (const service of ['x"} or vector(1) #', "Normalization", "a b", "-x", "x".repeat(64)]) {
      expect(buildPromql("up", { service })).toMatchObject({ ok: false, message: expect.stringMatching(/^service:/) });
    }
    expect(buildPromql("up", { window: "1y" as never })).toMatchObject({ ok: false, message: expect.stringMatching(/^window/) });
    expect(buildPromql("up", { label: "__name__" as never })).toMatchObject({ ok: false, message: expect.stringMatching(/^label/) });
    expect(buildPromql("constructor" as never)).toEqual({ ok: false, message: "unknown query template" });
  });

  it("escapes string literals (defence in depth behind the validation)", () => {
    expect(promqlString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });

  it("has only templates that build without a service too", () => {
    for (const template of Object.keys(PROMQL_TEMPLATES) as (keyof typeof PROMQL_TEMPLATES)[]) expect(buildPromql(template).ok).toBe(true);
  });
});
