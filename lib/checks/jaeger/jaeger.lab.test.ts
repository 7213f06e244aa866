import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { collectorHealth } from "./collector-health";
import { traceMetricsCheck } from "./trace-metrics";

/** The lab's Jaeger all-in-one: JAEGER_COLLECTOR_URL :14268, JAEGER_METRICS_URL :14269/metrics. */
describe("jaeger checks (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("jaeger.collector-health: the collector port answers and the admin port says Server available", async () => {
    const result = await runCheck(collectorHealth, labContext());
    expect(result).toMatchObject({ verdict: "ok", data: { collector: { httpStatus: 404 }, admin: { status: "Server available" } } });
    expect(result.summary).toMatch(/^collector port answers \(HTTP 404, \d+ ms\); admin: "Server available" \(HTTP 200, up [\dhms.]+\)$/);
  });

  it("jaeger.trace-metrics: spans saved from both services, nothing lost", async () => {
    const result = await runCheck(traceMetricsCheck, labContext());
    expect(result.verdict).toBe("ok");
    expect(result.summary).toMatch(/^[\d,]+ spans saved \((enrichment|normalization)-service [\d,]+, (enrichment|normalization)-service [\d,]+\), 0 rejected, 0 dropped, queue \d+\/2,000 since collector start$/);
    expect(result.data!.samples.every((sample) => sample.name.includes("traces"))).toBe(true);
  });

  it("is skipped when not configured; an error when unreachable or hung (within the deadline)", async () => {
    expect(await runCheck(collectorHealth, labContext({ overrides: { JAEGER_COLLECTOR_URL: undefined } }))).toMatchObject({ verdict: "skipped" });
    expect(await runCheck(traceMetricsCheck, labContext({ overrides: { JAEGER_METRICS_URL: undefined } }))).toMatchObject({ verdict: "skipped" });
    const port = await closedPort();
    expect(await runCheck(collectorHealth, labContext({ overrides: { JAEGER_COLLECTOR_URL: `http://127.0.0.1:${port}/` } }))).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    // collector up but admin port gone: worth a look, not an error
    expect(await runCheck(collectorHealth, labContext({ overrides: { JAEGER_METRICS_URL: `http://127.0.0.1:${port}/metrics` } }))).toMatchObject({ verdict: "warn", summary: expect.stringContaining("admin health: unreachable") });
    const hung = await runCheck(traceMetricsCheck, labContext({ overrides: { JAEGER_METRICS_URL: `http://127.0.0.1:${hole.port}/metrics` }, deadlineMs: 400 }));
    expect(hung).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
  });
});
