import { describe, expect, it } from "vitest";
import { apiUrl } from "../http/api-url";
import { parseMatrix, parseTargets, parseVector, unwrapPrometheus } from "./prometheus-api";

/** Answers as documented in https://prometheus.io/docs/prometheus/latest/querying/api/ (and as Prometheus 2.42 in the lab gives them). */
const TARGETS = {
  status: "success",
  data: {
    activeTargets: [
      { labels: { instance: "127.0.0.1:19090", job: "normalization-service" }, scrapePool: "normalization-service", scrapeUrl: "http://127.0.0.1:19090/metrics", lastError: "", lastScrape: "2026-11-30T09:12:48.171Z", lastScrapeDuration: 0.004, health: "up" },
      { labels: { instance: "127.0.0.1:19091", job: "enrichment-service" }, scrapePool: "enrichment-service", scrapeUrl: "http://127.0.0.1:19091/metrics", lastError: 'Get "http://127.0.0.1:19091/metrics": dial tcp 127.0.0.1:19091: connect: connection refused\u0007', lastScrape: "0001-01-01T00:00:00Z", lastScrapeDuration: 0, health: "down" },
    ],
    droppedTargets: [],
  },
};

describe("Prometheus API answers", () => {
  it("reads targets with their health and last error, printable", () => {
    const targets = parseTargets(TARGETS)!;
    expect(targets.map((target) => [target.job, target.health])).toEqual([["normalization-service", "up"], ["enrichment-service", "down"]]);
    expect(targets[1]!.lastError).toMatch(/connection refused\uFFFD$/);
    expect(targets[1]!.lastScrape).toBeNull();
  });

  it("reads vectors, scalars and matrices, with special values", () => {
    expect(parseVector({ status: "success", data: { resultType: "vector", result: [{ metric: { __name__: "up", job: "prometheus" }, value: [1700000000.5, "1"] }, { metric: {}, value: [1700000000.5, "NaN"] }] } })).toEqual([
      { metric: { __name__: "up", job: "prometheus" }, value: 1, timestamp: 1700000000.5 },
      { metric: {}, value: Number.NaN, timestamp: 1700000000.5 },
    ]);
    expect(parseVector({ status: "success", data: { resultType: "scalar", result: [1, "+Inf"] } })).toEqual([{ metric: {}, value: Number.POSITIVE_INFINITY, timestamp: 1 }]);
    expect(parseMatrix({ status: "success", data: { resultType: "matrix", result: [{ metric: { job: "x" }, values: [[1, "0.5"], [2, "0.7"]] }] } })).toEqual([{ metric: { job: "x" }, points: [[1, 0.5], [2, 0.7]] }]);
  });

  it("says what Prometheus said when it answers with an error, and null for foreign shapes", () => {
    expect(unwrapPrometheus({ status: "error", errorType: "bad_data", error: "parse error" })).toEqual({ ok: false, message: "bad_data: parse error" });
    expect(parseTargets({ hello: "world" })).toBeNull();
    expect(parseVector({ status: "success", data: { resultType: "matrix", result: [] } })).toBeNull();
    expect(parseMatrix("up 1")).toBeNull();
  });

  it("builds API URLs under a base path and encodes the query", () => {
    expect(apiUrl("http://prometheus:9090", "api/v1/query", { query: 'up{job="a b"}' })).toBe("http://prometheus:9090/api/v1/query?query=up%7Bjob%3D%22a+b%22%7D");
    expect(apiUrl("https://example.org/prometheus/", "/api/v1/targets")).toBe("https://example.org/prometheus/api/v1/targets");
  });
});
