import { describe, expect, it } from "vitest";
import { buildHandoffPacket, handoffPacketMarkdown } from "./handoff-packet";
import { incidentMetricsFixture } from "./test-fixtures";
import { postmortemMarkdown } from "./postmortem";

const { incident, timeline } = incidentMetricsFixture();

describe("the hand-off packet", () => {
  const packet = buildHandoffPacket({
    incident,
    timeline,
    fromLevel: "L1",
    toLevel: "L2",
    note: "  Need help with consumer config  ",
    hypothesis: "Rebalance storm",
    openQuestions: ["Was the topic repartitioned?", "  "],
    baseUrl: "https://console.254carbon.com/",
  });

  it("collects checks, findings, operations and status changes in time order", () => {
    expect(packet.checks).toEqual([{ check: "kafka.consumer-lag", verdict: "fail", summary: "lag 12,400 on 3 partitions", at: "2026-11-30T02:05:00.000Z" }]);
    expect(packet.findings.map((finding) => finding.text)).toEqual(["Lag grows since 02:00", "Restart did not help"]);
    expect(packet.operations.map((operation) => operation.text)).toEqual(["Rollout restart of normalization-service"]);
    expect(packet.statusHistory).toEqual([{ at: "2026-11-30T02:20:00.000Z", from: "investigating", to: "identified" }]);
  });

  it("keeps the escalator's words, trimmed, and links to the incident", () => {
    expect(packet.note).toBe("Need help with consumer config");
    expect(packet.openQuestions).toEqual(["Was the topic repartitioned?"]);
    expect(packet.link).toBe("https://console.254carbon.com/incidents/inc_1");
  });

  it("renders to Markdown with every section, saying so when one is empty", () => {
    const markdown = handoffPacketMarkdown({ ...packet, operations: [] });
    expect(markdown).toContain("## Hand-off L1 → L2: INC-42 Ticks stuck");
    expect(markdown).toContain("FAIL kafka.consumer-lag: lag 12,400 on 3 partitions");
    expect(markdown).toContain("### Operations done\n- None.");
    expect(markdown).toContain("Rebalance storm");
  });
});

describe("the postmortem draft", () => {
  it("has the impact window, MTTA, MTTR, evidence and the whole timeline", () => {
    const markdown = postmortemMarkdown({ incident, timeline, handoffs: [] });
    expect(markdown).toContain("# Postmortem draft: INC-42 Ticks stuck");
    expect(markdown).toContain("MTTA: 2m 00s · MTTR: 1h 00m");
    expect(markdown).toContain("FAIL kafka.consumer-lag: lag 12,400 on 3 partitions");
    expect(markdown.match(/^\| 2026-11-30T/gm)).toHaveLength(timeline.length);
  });
});
