import { createServer, connect, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brokerApiVersions } from "./api-versions";
import { describeCluster } from "./cluster";
import { describeGroup, groupLag, listGroups } from "./groups";
import { disconnectAll, kafkaTarget, type KafkaTarget } from "./kafka-client";
import { describeLogDirs } from "./log-dirs";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { describeTopic, describeTopics, listTopics } from "./topics";

/** Against the lab's Kafka 3.9 (KRaft, one broker) at 127.0.0.1:59092: topics market-data and normalized-ticks (3 partitions each). */
const LAB: KafkaTarget = { brokers: ["127.0.0.1:59092"], clientId: "incident-console-test", ssl: false };
const at = (port: number): KafkaTarget => ({ ...LAB, brokers: [`127.0.0.1:${port}`] });

describe("Kafka connector (lab)", () => {
  let hung: BlackHole;
  beforeAll(async () => void (hung = await blackHole()));
  afterAll(async () => {
    await disconnectAll();
    await hung.close();
  });

  it("describes the cluster: one broker at the lab's address, which is the controller", async () => {
    const result = await describeCluster(LAB, 3_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.brokers).toEqual([{ nodeId: 1, host: "127.0.0.1", port: 59092 }]);
    expect(result.value.controller).toBe(1);
    expect(result.value.clusterId).toMatch(/^[\w-]{10,}$/);
  });

  it("lists the pipeline's topics without internal ones", async () => {
    const result = await listTopics(LAB, 3_000);
    expect(result.ok && result.value).toEqual(expect.arrayContaining(["market-data", "normalized-ticks"]));
    expect(result.ok && result.value.some((topic) => topic.startsWith("__"))).toBe(false);
  });

  it("describes market-data like kafka-topics.sh --describe: 3 partitions led by broker 1, in sync, with growing end offsets", async () => {
    const result = await describeTopic(LAB, "market-data", 3_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ topic: "market-data", replicationFactor: 1, underReplicated: 0, offline: 0 });
    expect(result.value.partitions.map((partition) => [partition.partition, partition.leader, partition.replicas, partition.isr])).toEqual([
      [0, 1, [1], [1]],
      [1, 1, [1], [1]],
      [2, 1, [1], [1]],
    ]);
    expect(result.value.messages).toBeGreaterThan(0);
    expect(result.value.partitions.every((partition) => partition.end! >= partition.start! && partition.end! > 0)).toBe(true);
    expect(await describeTopic(LAB, "no-such-topic", 3_000)).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });

  it("describes every topic from metadata", async () => {
    const result = await describeTopics(LAB, 3_000);
    expect(result.ok && result.value.find((topic) => topic.topic === "normalized-ticks")?.partitions).toHaveLength(3);
  });

  it("lists both pipeline groups as consumer groups", async () => {
    const result = await listGroups(LAB, 3_000);
    expect(result.ok && result.value).toEqual(
      expect.arrayContaining([
        { group: "normalization-group", protocolType: "consumer" },
        { group: "enrichment-group", protocolType: "consumer" },
      ]),
    );
  });

  it("describes normalization-group: Stable, normalization-service consuming all of market-data", async () => {
    const result = await describeGroup(LAB, "normalization-group", 3_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.state).toBe("Stable");
    expect(result.value.members.length).toBeGreaterThan(0);
    expect(result.value.members[0]).toMatchObject({ clientId: "normalization-service", host: "127.0.0.1" });
    expect(result.value.members.flatMap((member) => member.assignment["market-data"] ?? []).sort()).toEqual([0, 1, 2]);
    expect(await describeGroup(LAB, "no-such-group", 3_000)).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });

  it("computes normalization-group's lag on market-data: a finite number ≥ 0 from committed and end offsets", async () => {
    const result = await groupLag(LAB, "normalization-group", undefined, 3_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.topics.map((topic) => topic.topic)).toEqual(["market-data"]);
    expect(Number.isFinite(result.value.totalLag) && result.value.totalLag >= 0).toBe(true);
    expect(result.value).toMatchObject({ partitions: 3, uncommitted: 0 });
    for (const partition of result.value.topics[0]!.partitions) {
      expect(partition.committed).toBeGreaterThan(0);
      expect(partition.lag).toBe(Math.max(0, partition.end - partition.committed!));
    }
  });

  it("counts a group that never committed as lagging by everything retained (end − start)", async () => {
    const result = await groupLag(LAB, "group-that-never-committed", ["normalized-ticks"], 3_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.uncommitted).toBe(3);
    expect(result.value.totalLag).toBe(result.value.topics[0]!.partitions.reduce((sum, partition) => sum + partition.end - partition.start, 0));
  });

  it("reads the broker's log dir with partition sizes, like kafka-log-dirs.sh --describe", async () => {
    const result = await describeLogDirs(LAB, [{ nodeId: 1, host: "127.0.0.1", port: 59092 }], 3_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toHaveLength(1);
    expect(result.value[0]).toMatchObject({ broker: 1, error: null, path: expect.stringMatching(/kafka/) });
    const marketData = result.value[0]!.partitions.filter((partition) => partition.topic === "market-data");
    expect(marketData.map((partition) => partition.partition)).toEqual([0, 1, 2]);
    expect(marketData.every((partition) => partition.size > 0)).toBe(true);
  });

  it("asks each broker for its API versions, like kafka-broker-api-versions.sh", async () => {
    const [answer, ...rest] = await brokerApiVersions(LAB, [{ nodeId: 1, host: "127.0.0.1", port: 59092 }], 3_000);
    expect(rest).toEqual([]);
    expect(answer!.result.ok).toBe(true);
    if (!answer!.result.ok) return;
    expect(answer!.result.value.address).toBe("127.0.0.1:59092");
    // Kafka 3.9: Produce (0), Fetch (1), Metadata (3), DescribeLogDirs (35) among ~60 APIs
    expect(answer!.result.value.apis.length).toBeGreaterThan(40);
    expect(answer!.result.value.apis.map((api) => api.apiKey)).toEqual(expect.arrayContaining([0, 1, 3, 18, 35]));
  });

  it("says unreachable for a closed port", async () => {
    const target = at(await closedPort());
    expect(await describeCluster(target, 3_000)).toMatchObject({ ok: false, error: { kind: "unreachable" } });
    expect(await describeLogDirs(target, [{ nodeId: 1, host: "127.0.0.1", port: Number(target.brokers[0]!.split(":")[1]) }], 3_000)).toMatchObject({
      ok: false,
      error: { kind: "unreachable" },
    });
  });

  it("says timeout within the deadline for a broker that accepts and never answers", async () => {
    for (const call of [
      () => describeCluster(at(hung.port), 400),
      () => groupLag(at(hung.port), "normalization-group", undefined, 400),
      () => describeLogDirs(at(hung.port), [{ nodeId: 1, host: "127.0.0.1", port: hung.port }], 400),
      async () => (await brokerApiVersions(LAB, [{ nodeId: 1, host: "127.0.0.1", port: hung.port }], 400))[0]!.result,
    ]) {
      const result = await call();
      expect(result).toMatchObject({ ok: false, error: { kind: "timeout" } });
    }
  });

  it("refuses SASL credentials the broker does not accept, without showing the password", async () => {
    const target = kafkaTarget({ brokers: LAB.brokers, clientId: "t", ssl: false, sasl: { mechanism: "plain", username: "admin", passwordEnv: "KAFKA_PASSWORD" }, namespace: "data-processing", selector: "app=kafka" }, { KAFKA_PASSWORD: "hunter2-wrong" });
    expect(target.ok).toBe(true);
    if (!target.ok) return;
    const result = await describeCluster(target.value, 3_000);
    expect(result).toMatchObject({ ok: false, error: { kind: "unauthorized" } });
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(kafkaTarget({ brokers: LAB.brokers, clientId: "t", ssl: false, sasl: { mechanism: "plain", username: "admin", passwordEnv: "KAFKA_PASSWORD" }, namespace: "data-processing", selector: "app=kafka" }, {})).toMatchObject({
      ok: false,
      error: { kind: "not_configured", message: expect.stringContaining("KAFKA_PASSWORD") },
    });
  });

  it("answers warm calls on its connection and recovers when a broker that was down comes back", async () => {
    expect(await describeCluster(LAB, 3_000)).toMatchObject({ ok: true });
    const warm = await Promise.all([describeCluster(LAB, 3_000), describeTopics(LAB, 3_000), groupLag(LAB, "enrichment-group", undefined, 3_000)]);
    expect(warm.map((result) => result.ok)).toEqual([true, true, true]);

    // A port that forwards to the lab broker once "it comes back": first closed, then a proxy.
    const port = await closedPort();
    expect(await describeCluster(at(port), 2_000)).toMatchObject({ ok: false, error: { kind: "unreachable" } });
    const sockets: Socket[] = [];
    const proxy: Server = createServer((client) => {
      const upstream = connect(59092, "127.0.0.1");
      sockets.push(client, upstream);
      client.pipe(upstream).pipe(client);
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(port, "127.0.0.1", () => resolve()));
    try {
      expect(await describeCluster(at(port), 3_000)).toMatchObject({ ok: true, value: { controller: 1 } });
    } finally {
      await disconnectAll();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});
