import { describe, expect, it } from "vitest";
import { judge, type ConsumerGroupData } from "./consumer-group-describe";
import { judgeLogDirs } from "./log-dirs";
import { judgeTopic } from "./topic-describe";

const thresholds = { consumerLagWarn: 1_000, consumerLagFail: 10_000, consumerLagGrowthWarn: 2, consumerLagGrowingMin: 100 };
const member = { memberId: "m-1", clientId: "normalization-service", host: "10.0.0.5", assignment: { "market-data": [0, 1] } };
const row = (partition: number, lag: number, owned = true) => ({
  topic: "market-data",
  partition,
  currentOffset: 100,
  logEndOffset: 100 + lag,
  lag,
  consumerId: owned ? "m-1" : null,
  host: owned ? "10.0.0.5" : null,
  clientId: owned ? "normalization-service" : null,
});
const group = (overrides: Partial<ConsumerGroupData>): ConsumerGroupData => ({
  group: "normalization-group",
  state: "Stable",
  members: [member],
  rows: [row(0, 4), row(1, 8)],
  totalLag: 12,
  uncommitted: 0,
  ...overrides,
});

describe("kafka.consumer-group-describe verdict", () => {
  it("is ok for a stable group below the lag thresholds", () => {
    expect(judge(group({}), thresholds)).toEqual({ verdict: "ok", summary: "Stable, 1 member, lag 12 on market-data (2 partitions)" });
  });

  it("warns and fails at consumerLagWarn / consumerLagFail", () => {
    expect(judge(group({ totalLag: 1_000 }), thresholds).verdict).toBe("warn");
    expect(judge(group({ totalLag: 12_408 }), thresholds)).toMatchObject({ verdict: "fail", summary: expect.stringContaining("lag 12,408") });
  });

  it("fails with no consumers when the group is Empty", () => {
    expect(judge(group({ state: "Empty", members: [], rows: [row(0, 5, false)] }), thresholds)).toMatchObject({ verdict: "fail", summary: expect.stringContaining("Empty, no consumers") });
  });

  it("warns while rebalancing, and on partitions no member owns", () => {
    expect(judge(group({ state: "PreparingRebalance" }), thresholds).verdict).toBe("warn");
    expect(judge(group({ rows: [row(0, 1), row(2, 1, false)] }), thresholds)).toMatchObject({ verdict: "warn", summary: expect.stringContaining("1 partition not assigned") });
  });
});

const partition = (id: number, leader: number, replicas: number[], isr: number[]) => ({
  partition: id,
  leader,
  replicas,
  isr,
  offlineReplicas: [],
  underReplicated: isr.length < replicas.length,
  offline: leader < 0,
  start: null,
  end: null,
});

describe("kafka.topic-describe verdict", () => {
  it("warns on under-replicated and fails on offline partitions", () => {
    const base = { topic: "market-data", replicationFactor: 3, messages: null };
    expect(judgeTopic({ ...base, partitions: [partition(0, 1, [1, 2, 3], [1, 2, 3])], underReplicated: 0, offline: 0 })).toEqual({
      verdict: "ok",
      summary: "1 partition, replication factor 3, all in sync, leader: broker 1",
    });
    expect(judgeTopic({ ...base, partitions: [partition(0, 1, [1, 2, 3], [1])], underReplicated: 1, offline: 0 })).toMatchObject({ verdict: "warn", summary: expect.stringContaining("1 partition under-replicated") });
    expect(judgeTopic({ ...base, partitions: [partition(0, -1, [1, 2, 3], [])], underReplicated: 1, offline: 1 })).toMatchObject({ verdict: "fail", summary: expect.stringContaining("offline (no leader)") });
  });
});

describe("kafka.log-dirs verdict", () => {
  it("says sizes are unknown rather than inventing them, and fails on an offline log dir", () => {
    const topics = [{ topic: "market-data", partitions: 3, bytes: null, messages: 500, underReplicated: 0, offline: 0 }];
    expect(judgeLogDirs({ sizesKnown: false, sizesUnknownReason: "SASL", logDirs: [], topics }, 1)).toMatchObject({ verdict: "ok", summary: expect.stringMatching(/^sizes unknown \(SASL\); 500 messages retained/) });
    const broken = { broker: 2, path: "/data/2", error: "KAFKA_STORAGE_ERROR", size: 0, partitions: [] };
    expect(judgeLogDirs({ sizesKnown: true, sizesUnknownReason: null, logDirs: [broken], topics }, 2)).toMatchObject({ verdict: "fail", summary: expect.stringContaining("broker 2 /data/2: KAFKA_STORAGE_ERROR") });
  });
});
