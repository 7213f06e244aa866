import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { topicsList } from "./topics-list";
import { kafkaTool } from "./tool.lab-helper";

describe("kafka.topics-list (lab)", () => {
  let hung: BlackHole;
  beforeAll(async () => void (hung = await blackHole()));
  afterAll(() => hung.close());

  it("lists the topics kafka-topics.sh --list lists, all partitions led and in sync", async () => {
    const result = await runCheck(topicsList, labContext(), {});
    expect(result.verdict).toBe("ok");
    expect(result.summary).toMatch(/^\d+ topics \(.*market-data, normalized-ticks.*\), \d+ partitions, all led and in sync$/);
    const tool = kafkaTool("kafka-topics", ["--list"]).split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("__")).sort();
    expect(result.data?.topics.map((topic) => topic.topic)).toEqual(tool);
    expect(result.data?.topics.find((topic) => topic.topic === "market-data")).toEqual({ topic: "market-data", partitions: 3, replicationFactor: 1, underReplicated: 0, offline: 0 });
  });

  it("warns when a topic a service of the catalog reads does not exist", async () => {
    const yaml = "services:\n  - name: risk-service\n    kafka: { group: normalization-group, topics: [risk-events] }\n";
    expect(await runCheck(topicsList, labContext({ yaml }), {})).toMatchObject({ verdict: "warn", summary: expect.stringContaining("risk-events missing") });
  });

  it("is an error for a closed port, and a timeout within the deadline for a broker that never answers", async () => {
    expect(await runCheck(topicsList, labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${await closedPort()}` } }), {})).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    const timeout = await runCheck(topicsList, labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${hung.port}` }, deadlineMs: 400 }), {});
    expect(timeout).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
  });
});
