import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { probeJaeger } from "./jaeger";

describe("probeJaeger (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("is ok: spans saved from the two pipeline services, none lost", async () => {
    const health = await probeJaeger(labContext());
    expect(health).toMatchObject({ status: "ok", figures: { spansDropped: 0, services: 2 } });
    expect(health.figures.spansSaved).toBeGreaterThan(0);
    expect(health.reasons[0]).toMatch(/^[\d,]+ spans saved, 0 lost since start$/);
  });

  it("is not configured, unknown (grey) when unreachable or on a timeout within the deadline", async () => {
    expect(await probeJaeger(labContext({ overrides: { JAEGER_COLLECTOR_URL: undefined, JAEGER_METRICS_URL: undefined } }))).toMatchObject({ status: "not_configured" });
    const port = await closedPort();
    expect(await probeJaeger(labContext({ overrides: { JAEGER_COLLECTOR_URL: `http://127.0.0.1:${port}/`, JAEGER_METRICS_URL: `http://127.0.0.1:${port}/metrics` } }))).toMatchObject({ status: "unknown" });
    const hung = await probeJaeger(labContext({ overrides: { JAEGER_COLLECTOR_URL: `http://127.0.0.1:${hole.port}/`, JAEGER_METRICS_URL: `http://127.0.0.1:${hole.port}/metrics` }, deadlineMs: 400 }));
    expect(hung).toMatchObject({ status: "unknown", reasons: expect.arrayContaining([expect.stringMatching(/^collector: timeout/)]) });
  });
});
