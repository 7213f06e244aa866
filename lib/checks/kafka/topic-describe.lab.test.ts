import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { topicDescribe } from "./topic-describe";
import { kafkaTool } from "./tool.lab-helper";

describe("kafka.topic-describe (lab)", () => {
  let hung: BlackHole;
  beforeAll(async () => void (hung = await blackHole()));
  afterAll(() => hung.close());

  it("describes market-data with the Leader/Replicas/Isr kafka-topics.sh --describe prints", async () => {
    const result = await runCheck(topicDescribe, labContext(), {});
    expect(result.verdict).toBe("ok");
    expect(result.summary).toMatch(/^3 partitions, replication factor 1, all in sync, leader: broker 1, [\d,]+ messages retained$/);
    const tool = kafkaTool("kafka-topics", ["--describe", "--topic", "market-data"]);
    const rows = [...tool.matchAll(/Partition: (\d+)\tLeader: (-?\d+)\tReplicas: ([\d,]*)\tIsr: ([\d,]*)/g)].map((match) => [Number(match[1]), Number(match[2]), match[3], match[4]]);
    expect(rows.length).toBe(3);
    expect(result.data?.partitions.map((partition) => [partition.partition, partition.leader, partition.replicas.join(","), partition.isr.join(",")])).toEqual(rows);
  });

  it("fails for a topic that does not exist, and refuses a name that is not a topic name", async () => {
    expect(await runCheck(topicDescribe, labContext(), { topic: "no-such-topic" })).toMatchObject({ verdict: "fail", summary: "topic no-such-topic does not exist" });
    expect(await runCheck(topicDescribe, labContext(), { topic: "a b" })).toMatchObject({ verdict: "error", summary: expect.stringMatching(/^bad parameters: topic/) });
  });

  it("is an error for a closed port, and a timeout within the deadline for a broker that never answers", async () => {
    expect(await runCheck(topicDescribe, labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${await closedPort()}` } }), {})).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    const timeout = await runCheck(topicDescribe, labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${hung.port}` }, deadlineMs: 400 }), {});
    expect(timeout).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
  });
});
