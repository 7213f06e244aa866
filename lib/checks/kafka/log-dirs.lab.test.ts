import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { logDirs } from "./log-dirs";
import { kafkaTool } from "./tool.lab-helper";

describe("kafka.log-dirs (lab)", () => {
  let hung: BlackHole;
  beforeAll(async () => void (hung = await blackHole()));
  afterAll(() => hung.close());

  it("reads the broker's log dir and partition sizes, matching kafka-log-dirs.sh --describe", async () => {
    const result = await runCheck(logDirs, labContext(), {});
    expect(result.verdict).toBe("ok");
    expect(result.summary).toMatch(/^1 log dir on 1 broker, [\d.]+ [KMG]iB, largest [\w-]+ [\d.]+ [KMG]iB, \d+ topics, \d+ partitions, all led and in sync$/);
    const data = result.data!;
    expect(data.sizesKnown).toBe(true);
    expect(data.topics.find((topic) => topic.topic === "market-data")).toMatchObject({ partitions: 3, bytes: expect.any(Number), underReplicated: 0, offline: 0 });
    expect(data.topics.find((topic) => topic.topic === "market-data")!.bytes).toBeGreaterThan(0);

    // The runbook's `--json` is not an option of Kafka 3.9's tool (it prints JSON anyway): run it without.
    const tool = JSON.parse(kafkaTool("kafka-log-dirs", ["--describe"]).split("\n").find((line) => line.startsWith("{"))!) as {
      brokers: Array<{ broker: number; logDirs: Array<{ logDir: string; error: string | null; partitions: Array<{ partition: string; size: number }> }> }>;
    };
    const toolDir = tool.brokers[0]!.logDirs[0]!;
    expect(data.logDirs[0]).toMatchObject({ broker: tool.brokers[0]!.broker, path: toolDir.logDir, error: toolDir.error });
    expect(data.logDirs[0]!.partitions.map((entry) => `${entry.topic}-${entry.partition}`).sort()).toEqual(toolDir.partitions.map((entry) => entry.partition).sort());
  });

  it("with SASL credentials the broker refuses: unauthorized, the password never shown", async () => {
    // The lab broker has no SASL listener, so the SASL fallback (sizes unknown) stops at the handshake here; its wording is unit-tested in judge.test.ts.
    const yaml = "systems:\n  kafka:\n    sasl: { mechanism: plain, username: console, passwordEnv: KAFKA_PASSWORD }\n";
    const result = await runCheck(logDirs, labContext({ yaml, overrides: { KAFKA_PASSWORD: "not-the-password" } }), {});
    expect(result).toMatchObject({ verdict: "error", error: { kind: "unauthorized" } });
    expect(JSON.stringify(result)).not.toContain("not-the-password");
  });

  it("is an error for a closed port, and a timeout within the deadline for a broker that never answers", async () => {
    expect(await runCheck(logDirs, labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${await closedPort()}` } }), {})).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    const timeout = await runCheck(logDirs, labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${hung.port}` }, deadlineMs: 400 }), {});
    expect(timeout).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
  });
});
