import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { consumerGroupsList } from "./consumer-groups-list";
import { kafkaTool } from "./tool.lab-helper";

describe("kafka.consumer-groups-list (lab)", () => {
  let hung: BlackHole;
  beforeAll(async () => void (hung = await blackHole()));
  afterAll(() => hung.close());

  it("lists the pipeline's groups, the same the Kafka tool lists", async () => {
    const result = await runCheck(consumerGroupsList, labContext(), {});
    expect(result.verdict).toBe("ok");
    expect(result.summary).toMatch(/^\d+ groups: .*enrichment-group, normalization-group/);
    const tool = kafkaTool("kafka-consumer-groups", ["--list"]).split("\n").map((line) => line.trim()).filter(Boolean).sort();
    expect(result.data?.groups.map((group) => group.group)).toEqual(tool);
    expect(result.data?.missing).toEqual([]);
  });

  it("warns when a group a service of the catalog consumes with is missing", async () => {
    const yaml = "services:\n  - name: risk-service\n    kafka: { group: risk-group, topics: [market-data] }\n";
    const result = await runCheck(consumerGroupsList, labContext({ yaml }), {});
    expect(result).toMatchObject({ verdict: "warn", summary: expect.stringContaining("risk-group missing"), data: { missing: ["risk-group"] } });
  });

  it("is an error for a closed port, and a timeout within the deadline for a broker that never answers", async () => {
    expect(await runCheck(consumerGroupsList, labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${await closedPort()}` } }), {})).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    const timeout = await runCheck(consumerGroupsList, labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${hung.port}` }, deadlineMs: 400 }), {});
    expect(timeout).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
  });
});
