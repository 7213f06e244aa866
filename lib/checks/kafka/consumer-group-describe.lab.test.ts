import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { consumerGroupDescribe } from "./consumer-group-describe";
import { kafkaTool } from "./tool.lab-helper";

describe("kafka.consumer-group-describe (lab)", () => {
  let hung: BlackHole;
  beforeAll(async () => void (hung = await blackHole()));
  afterAll(() => hung.close());

  it("describes normalization-group like the Kafka tool: Stable, normalization-service owning market-data's 3 partitions, lag ≥ 0", async () => {
    const result = await runCheck(consumerGroupDescribe, labContext(), {});
    expect(result.verdict).toBe("ok");
    expect(result.summary).toMatch(/^Stable, 1 member, lag [\d,]+ on market-data \(3 partitions\)$/);
    const data = result.data!;
    expect(data.totalLag).toBeGreaterThanOrEqual(0);
    expect(data.totalLag).toBeLessThan(labContext().thresholds.consumerLagWarn);
    expect(data.rows.map((row) => [row.topic, row.partition, row.clientId])).toEqual([
      ["market-data", 0, "normalization-service"],
      ["market-data", 1, "normalization-service"],
      ["market-data", 2, "normalization-service"],
    ]);
    expect(data.rows.every((row) => row.currentOffset! > 0 && row.logEndOffset >= row.currentOffset!)).toBe(true);

    // What the responder would have typed: same partitions, same consumer, offsets of the same size.
    const tool = kafkaTool("kafka-consumer-groups", ["--group", "normalization-group", "--describe"]);
    const rows = tool.split("\n").filter((line) => line.startsWith("normalization-group")).map((line) => line.trim().split(/\s+/));
    expect(rows.map((columns) => Number(columns[2])).sort()).toEqual([0, 1, 2]);
    expect(rows.every((columns) => columns[8] === "normalization-service" && columns[6] === data.rows[0]!.consumerId)).toBe(true);
    for (const columns of rows) {
      const ours = data.rows.find((row) => row.partition === Number(columns[2]))!;
      expect(Math.abs(Number(columns[3]) - ours.currentOffset!)).toBeLessThan(5_000);
    }
  });

  it("describes enrichment-group on normalized-ticks", async () => {
    const result = await runCheck(consumerGroupDescribe, labContext(), { group: "enrichment-group" });
    expect(result.verdict).toBe("ok");
    expect(result.summary).toContain("on normalized-ticks");
    expect(result.data?.members[0]?.clientId).toBe("enrichment-service");
  });

  it("fails for a group that does not exist", async () => {
    const result = await runCheck(consumerGroupDescribe, labContext(), { group: "no-such-group" });
    expect(result).toMatchObject({ verdict: "fail", summary: "consumer group no-such-group does not exist" });
  });

  it("refuses a group id that is not one", async () => {
    expect(await runCheck(consumerGroupDescribe, labContext(), { group: "x; rm -rf /" })).toMatchObject({ verdict: "error", summary: expect.stringMatching(/^bad parameters: group/) });
  });

  it("is an error naming unreachable for a closed port, and timeout within the deadline for a broker that never answers", async () => {
    const unreachable = await runCheck(consumerGroupDescribe, labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${await closedPort()}` } }), {});
    expect(unreachable).toMatchObject({ verdict: "error", error: { kind: "unreachable" }, summary: expect.stringMatching(/^unreachable/) });
    const timeout = await runCheck(consumerGroupDescribe, labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${hung.port}` }, deadlineMs: 400 }), {});
    expect(timeout).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
  });

  it("is skipped when no brokers are configured", async () => {
    expect(await runCheck(consumerGroupDescribe, labContext({ overrides: { KAFKA_BROKERS: "" } }), {})).toMatchObject({ verdict: "skipped", summary: expect.stringContaining("KAFKA_BROKERS") });
  });
});
