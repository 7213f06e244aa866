import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { probePrometheus } from "./prometheus";

describe("probePrometheus (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("is ok with 3/3 targets up", async () => {
    expect(await probePrometheus(labContext())).toMatchObject({ status: "ok", reasons: ["3/3 targets up"], figures: { targetsUp: 3, targetsTotal: 3 } });
  });

  it("is not configured, unknown (grey) when unreachable or on a timeout within the deadline", async () => {
    expect(await probePrometheus(labContext({ overrides: { PROMETHEUS_URL: undefined } }))).toMatchObject({ status: "not_configured" });
    expect(await probePrometheus(labContext({ overrides: { PROMETHEUS_URL: `http://127.0.0.1:${await closedPort()}` } }))).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^unreachable/)] });
    expect(await probePrometheus(labContext({ overrides: { PROMETHEUS_URL: `http://127.0.0.1:${hole.port}` }, deadlineMs: 400 }))).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^timeout/)] });
  });
});
