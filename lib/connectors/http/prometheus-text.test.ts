import { describe, expect, it } from "vitest";
import { bucketDelta, bucketsOf, counterRate, counterTotal, histogramQuantile, parsePrometheusText, sumOf } from "./prometheus-text";

const EXPOSITION = `# HELP processed_total Ticks processed
# TYPE processed_total counter
processed_total{service="normalization",result="ok"} 1200
processed_total{service="normalization",result="error"} 30
duration_seconds_bucket{le="0.05"} 50
duration_seconds_bucket{le="0.1"} 80
duration_seconds_bucket{le="0.5"} 95
duration_seconds_bucket{le="+Inf"} 100
duration_seconds_sum 9.5
duration_seconds_count 100
label_with_escapes{path="a\\"b",msg="x\\ny"} 1 1700000000000
up NaN
`;

describe("parsePrometheusText", () => {
  it("reads samples with labels, escapes, timestamps and special values", () => {
    const { samples, problems } = parsePrometheusText(EXPOSITION);
    expect(problems).toEqual([]);
    expect(sumOf(samples, "processed_total")).toBe(1230);
    expect(sumOf(samples, "processed_total", { result: "error" })).toBe(30);
    expect(samples.find((sample) => sample.name === "label_with_escapes")?.labels).toEqual({ path: 'a"b', msg: "x\ny" });
    expect(Number.isNaN(sumOf(samples, "up")!)).toBe(true);
  });

  it("remembers declared families: a labelled counter that never counted is 0, an absent one null", () => {
    const parsed = parsePrometheusText("# HELP auth_failures_total 401s\n# TYPE auth_failures_total counter\n# TYPE constructor gauge\nprocessed_total 5\n");
    expect(parsed.types).toEqual({ auth_failures_total: "counter", constructor: "gauge" });
    expect(counterTotal(parsed, "auth_failures_total")).toBe(0);
    expect(counterTotal(parsed, "processed_total")).toBe(5);
    expect(counterTotal(parsed, "missing_total")).toBeNull();
    expect(counterTotal(parsePrometheusText("x 1"), "toString")).toBeNull();
  });

  it("skips and reports malformed lines instead of failing", () => {
    const { samples, problems } = parsePrometheusText(`good 1\nthis is { not valid\nbad{le="1" 2\nalso_good{a="b"} 3\n${"x".repeat(20_000)} 1`);
    expect(samples.map((sample) => sample.name)).toEqual(["good", "also_good"]);
    expect(problems.map((problem) => problem.line)).toEqual([2, 3, 5]);
  });
});

describe("histogram quantiles", () => {
  const buckets = bucketsOf(parsePrometheusText(EXPOSITION).samples, "duration_seconds");

  it("interpolates inside the bucket that holds the rank, like histogram_quantile", () => {
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.05, 6);
    expect(histogramQuantile(0.65, buckets)).toBeCloseTo(0.075, 6);
    expect(histogramQuantile(0.95, buckets)).toBeCloseTo(0.5, 6);
    // In +Inf: the highest finite bound.
    expect(histogramQuantile(0.99, buckets)).toBe(0.5);
  });

  it("is NaN without +Inf or without observations", () => {
    expect(histogramQuantile(0.5, [{ le: 1, count: 3 }])).toBeNaN();
    expect(histogramQuantile(0.5, [{ le: 1, count: 0 }, { le: Number.POSITIVE_INFINITY, count: 0 }])).toBeNaN();
  });

  it("windows two cumulative scrapes, and survives a restart", () => {
    const before = [{ le: 0.1, count: 10 }, { le: Number.POSITIVE_INFINITY, count: 10 }];
    const after = [{ le: 0.1, count: 10 }, { le: Number.POSITIVE_INFINITY, count: 20 }];
    expect(bucketDelta(before, after)).toEqual([{ le: 0.1, count: 0 }, { le: Number.POSITIVE_INFINITY, count: 10 }]);
    expect(histogramQuantile(0.99, bucketDelta(before, after))).toBe(0.1);
    const restarted = [{ le: 0.1, count: 2 }, { le: Number.POSITIVE_INFINITY, count: 2 }];
    expect(bucketDelta(after, restarted)).toEqual(restarted);
  });

  it("turns counters into rates", () => {
    expect(counterRate(100, 160, 30)).toBe(2);
    expect(counterRate(100, 20, 10)).toBe(2);
  });
});
