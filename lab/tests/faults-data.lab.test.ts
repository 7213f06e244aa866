/**
 * Faults in the data path: each symptom is seen with the runbook's own diagnosis, and is
 * gone after `heal`.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../core/proc.ts";
import { PORTS } from "../core/paths.ts";
import { fault, healAll } from "../faults/registry.ts";
import { clickhouse, consumerGroupDescribe, execIn, deploymentLogs, kafkajsLag, kubectl, metricSum, podStatusColumn, pods, promQuery, prometheusTargets } from "./runbook.ts";

// a failed test must not leave its fault behind for the next one
afterEach(async () => {
  await healAll({ quiet: true });
});
afterAll(async () => {
  await healAll({ quiet: true });
});

describe("consumer-stall", () => {
  it("lag of normalization-group grows while the member stays; heal drains it", async () => {
    await fault("consumer-stall").inject();
    const first = (await kafkajsLag()).lag;
    await waitFor("lag growing", async () => (await kafkajsLag()).lag > first + 50, 30_000);
    const described = consumerGroupDescribe();
    expect(described.lag).toBeGreaterThan(50);
    expect(described.raw).toMatch(/normalization-service-\S+/); // still a member: a stall, not a crash
    await fault("consumer-stall").heal();
    await waitFor("lag drained", async () => (await kafkajsLag()).lag < 50, 60_000);
  });
});

describe("bad-prices", () => {
  it("rows with price <= 0, quality counters and ERROR logs; heal removes them", async () => {
    const qualityBefore = await metricSum(PORTS.enrichmentMetrics, "data_quality_issues_total");
    await fault("bad-prices").inject();
    await waitFor("bad rows", async () => Number(await clickhouse("SELECT count() FROM market_ticks WHERE price <= 0")) > 0, 30_000);
    // the runbook's command, verbatim
    expect(execIn("clickhouse-0", ["clickhouse-client", "--query", "SELECT * FROM market_ticks WHERE price <= 0 LIMIT 10"])).toMatch(/\t(0|-\d)/);
    expect(await metricSum(PORTS.enrichmentMetrics, "data_quality_issues_total")).toBeGreaterThan(qualityBefore);
    expect(deploymentLogs("enrichment-service").split("\n").filter((l) => l.includes("ERROR") && l.includes("price_positive")).length).toBeGreaterThan(0);
    await fault("bad-prices").heal();
    expect(await clickhouse("SELECT count() FROM market_ticks WHERE price <= 0")).toBe("0");
    const after = await metricSum(PORTS.enrichmentMetrics, "data_quality_issues_total");
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await metricSum(PORTS.enrichmentMetrics, "data_quality_issues_total")).toBe(after);
  });
});

describe("latency", () => {
  it("processing_duration_seconds p99 jumps; heal brings it back", async () => {
    await fault("latency").inject();
    const p99 = 'histogram_quantile(0.99, sum(rate(processing_duration_seconds_bucket{job="normalization-service"}[20s])) by (le))';
    await waitFor("p99 above 250 ms", async () => (await promQuery(p99)) > 0.25, 60_000, 2_000);
    await fault("latency").heal();
    await waitFor("p99 back under 100 ms", async () => (await promQuery(p99)) < 0.1, 60_000, 2_000);
  });
});

describe("target-down", () => {
  it("Prometheus shows normalization-service down; heal brings it up", async () => {
    await fault("target-down").inject();
    await waitFor("target down", async () => (await prometheusTargets())["normalization-service"]?.health === "down", 30_000);
    expect((await prometheusTargets())["normalization-service"]!.lastError).toMatch(/connection refused/);
    expect(await promQuery('up{job="normalization-service"}')).toBe(0);
    await fault("target-down").heal();
    await waitFor("target up", async () => (await prometheusTargets())["normalization-service"]?.health === "up", 30_000);
  });
});

describe("broker-down", () => {
  it("kafka-0 not ready, clients log broker errors; heal restarts it and ticks flow again", async () => {
    await fault("broker-down").inject();
    await waitFor("kafka-0 not ready", () => pods("app=kafka")[0]?.status.containerStatuses?.[0]?.ready === false, 20_000);
    expect(podStatusColumn("kafka-0")).toBe("Error");
    await waitFor("client errors", () => /ERROR .*kafka: .*ECONNREFUSED/.test(deploymentLogs("normalization-service")), 20_000);
    await fault("broker-down").heal();
    await waitFor("kafka-0 ready", () => pods("app=kafka")[0]?.status.containerStatuses?.[0]?.ready === true, 30_000);
    expect(pods("app=kafka")[0]!.status.containerStatuses![0]!.restartCount).toBeGreaterThanOrEqual(1);
    expect(kubectl(["logs", "-n", "data-processing", "kafka-0", "--tail=500"])).toMatch(/Kafka Server started|started \(kafka\.server/);
    const before = Number(await clickhouse("SELECT count() FROM market_ticks"));
    await waitFor("ticks flow again", async () => Number(await clickhouse("SELECT count() FROM market_ticks")) > before + 20, 60_000);
  });
});
