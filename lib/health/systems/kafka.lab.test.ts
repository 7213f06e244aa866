import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { consumerLag, probeKafka } from "./kafka";

describe("probeKafka (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(() => hole.close());

  it("is ok: 1 broker, the pipeline's topics in sync, both groups' lag as figures", async () => {
    const health = await probeKafka(labContext());
    expect(health.status).toBe("ok");
    expect(health.reasons[0]).toBe("1 broker");
    expect(health.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^normalization-group lag [\d,]+$/), expect.stringMatching(/^enrichment-group lag [\d,]+$/)]));
    expect(health.figures).toMatchObject({ brokers: 1, underReplicated: 0, offline: 0 });
    expect(health.figures.topics).toBeGreaterThanOrEqual(2);
    expect(Number.isFinite(health.figures.totalLag) && (health.figures.totalLag as number) >= 0).toBe(true);
  });

  // How fast a warm probe is belongs to bench/health.ts (the warm sweep); here: the cached connection keeps answering.
  it("answers a warm probe on its cached connection", async () => {
    expect(await probeKafka(labContext())).toMatchObject({ status: "ok" });
    expect(await probeKafka(labContext())).toMatchObject({ status: "ok" });
  });

  it("is degraded with the lag in words when a group is at consumerLagFail", async () => {
    const health = await probeKafka(labContext({ yaml: "thresholds:\n  consumerLagWarn: 0\n  consumerLagFail: 0\n" }));
    expect(health).toMatchObject({ status: "degraded", reasons: expect.arrayContaining([expect.stringMatching(/^normalization-group lag/)]) });
  });

  it("is not configured without brokers, unknown (grey) when unreachable or on a timeout within the deadline", async () => {
    expect(await probeKafka(labContext({ overrides: { KAFKA_BROKERS: undefined } }))).toMatchObject({ status: "not_configured", figures: { brokers: null } });
    expect(await probeKafka(labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${await closedPort()}` } }))).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^unreachable/)] });
    expect(await probeKafka(labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${hole.port}` }, deadlineMs: 400 }))).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^timeout/)] });
  });
});

describe("consumerLag (lab)", () => {
  it("is normalization-group's total lag on market-data: a finite number ≥ 0", async () => {
    const result = await consumerLag(labContext(), "normalization-group", ["market-data"]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(Number.isFinite(result.value) && result.value >= 0).toBe(true);
  });

  it("is not configured without brokers and unreachable on a closed port", async () => {
    expect(await consumerLag(labContext({ overrides: { KAFKA_BROKERS: undefined } }), "normalization-group", [])).toMatchObject({ ok: false, error: { kind: "not_configured" } });
    expect(await consumerLag(labContext({ overrides: { KAFKA_BROKERS: `127.0.0.1:${await closedPort()}` } }), "normalization-group", [])).toMatchObject({ ok: false, error: { kind: "unreachable" } });
  });
});
