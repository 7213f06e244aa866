import { describe, expect, it } from "vitest";
import { groupLag, partitionLag } from "./lag";

describe("consumer lag arithmetic", () => {
  it("is end − committed per partition, like kafka-consumer-groups.sh's LAG column", () => {
    expect(partitionLag("market-data", 0, "14000", "14037", "0")).toEqual({ topic: "market-data", partition: 0, committed: 14000, end: 14037, start: 0, lag: 37 });
  });

  it("never goes negative when a commit is newer than the end offset read", () => {
    expect(partitionLag("t", 1, "120", "100", "0").lag).toBe(0);
  });

  it("counts a partition without a committed offset (-1) as lagging by what is retained: end − log start", () => {
    expect(partitionLag("t", 2, "-1", "500", "200")).toMatchObject({ committed: null, lag: 300 });
    expect(partitionLag("t", 2, undefined, "500", "200")).toMatchObject({ committed: null, lag: 300 });
  });

  it("treats unreadable offsets as 0 rather than NaN", () => {
    expect(partitionLag("t", 0, "x", "", "-5")).toMatchObject({ committed: null, end: 0, start: 0, lag: 0 });
  });

  it("totals a group across topics and partitions, including partitions the group never committed", () => {
    const lag = groupLag(
      "normalization-group",
      [{ topic: "market-data", partitions: [{ partition: 0, offset: "90" }, { partition: 1, offset: "200" }] }],
      [
        { topic: "market-data", partitions: [{ partition: 1, high: "210", low: "0" }, { partition: 0, high: "100", low: "0" }, { partition: 2, high: "50", low: "20" }] },
        { topic: "other", partitions: [{ partition: 0, high: "7", low: "0" }] },
      ],
    );
    expect(lag.topics[0]).toMatchObject({ topic: "market-data", lag: 10 + 10 + 30 });
    expect(lag.topics[0]!.partitions.map((entry) => entry.partition)).toEqual([0, 1, 2]);
    expect(lag).toMatchObject({ group: "normalization-group", totalLag: 57, partitions: 4, uncommitted: 2 });
  });
});
