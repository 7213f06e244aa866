import { describe, expect, it } from "vitest";
import { judgeTargets } from "./targets";

const target = (job: string, health: "up" | "down" | "unknown", lastError = "") => ({ job, instance: `${job}:9090`, health, lastError, lastScrape: null, lastScrapeSeconds: null, scrapeUrl: "" });

describe("prometheus.targets verdict", () => {
  it("names the down targets with Prometheus's error", () => {
    const result = judgeTargets([target("enrichment-service", "up"), target("normalization-service", "down", 'Get "http://127.0.0.1:19090/metrics": connection refused')]);
    expect(result.verdict).toBe("warn");
    expect(result.summary).toBe('1/2 targets up; down: normalization-service normalization-service:9090 (Get "http://127.0.0.1:19090/metrics": connection refused)');
  });

  it("fails when nothing is up or nothing is scraped", () => {
    expect(judgeTargets([target("a", "down"), target("b", "unknown")])).toMatchObject({ verdict: "fail", summary: "0/2 targets up; down: a a:9090 (down); b b:9090 (unknown)" });
    expect(judgeTargets([])).toMatchObject({ verdict: "fail", summary: "no active targets" });
  });
});
