import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { brokerApiVersionsCheck } from "./broker-api-versions";
import { kafkaTool } from "./tool.lab-helper";

describe("kafka.broker-api-versions (lab)", () => {
  let hung: BlackHole;
  beforeAll(async () => void (hung = await blackHole()));
  afterAll(() => hung.close());

  it("finds the lab's one broker answering, as the controller, with the APIs kafka-broker-api-versions.sh lists", async () => {
    const result = await runCheck(brokerApiVersionsCheck, labContext(), {});
    expect(result.verdict).toBe("ok");
    expect(result.summary).toMatch(/^1\/1 broker answers ApiVersions, controller: broker 1, \d+ APIs$/);
    const broker = result.data!.brokers[0]!;
    expect(broker).toMatchObject({ nodeId: 1, address: "127.0.0.1:59092", controller: true, reachable: true });
    const tool = kafkaTool("kafka-broker-api-versions", []);
    const toolApis = [...tool.matchAll(/\((\d+)\): (\d+) to (\d+)/g)].map((match) => ({ apiKey: Number(match[1]), minVersion: Number(match[2]), maxVersion: Number(match[3]) }));
    expect(toolApis.length).toBeGreaterThan(40);
    expect(broker.apis).toEqual(expect.arrayContaining(toolApis));
  });

  it("is an error for a closed port, and a timeout within the deadline for a broker that never answers", async () => {
    expect(await runCheck(brokerApiVersionsCheck, labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${await closedPort()}` } }), {})).toMatchObject({
      verdict: "error",
      error: { kind: "unreachable" },
    });
    const timeout = await runCheck(brokerApiVersionsCheck, labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${hung.port}` }, deadlineMs: 400 }), {});
    expect(timeout).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
  });
});
