import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { adminHealth, collectorAnswers, scrapeCollector } from "./jaeger";

/** Against the lab's Jaeger all-in-one 1.76: collector :14268, admin :14269 (/ and /metrics); both services send sampled spans. */
const COLLECTOR = "http://127.0.0.1:14268/";
const METRICS = "http://127.0.0.1:14269/metrics";

describe("Jaeger collector (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("the collector port answers (its / is a 404 by design), and the admin port says Server available", async () => {
    expect(await collectorAnswers(COLLECTOR, 2_000)).toMatchObject({ ok: true, value: { httpStatus: 404 } });
    const health = await adminHealth(METRICS, 2_000);
    expect(health).toMatchObject({ ok: true, value: { httpStatus: 200, status: "Server available" } });
    expect(health.ok && health.value.upSince).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("reads spans saved by both pipeline services, none dropped, the queue's capacity", async () => {
    const result = await scrapeCollector(METRICS, 2_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { metrics } = result.value;
    expect(metrics.flavour).toBe("jaeger");
    expect(metrics.savedByService["normalization-service"]).toBeGreaterThan(0);
    expect(metrics.savedByService["enrichment-service"]).toBeGreaterThan(0);
    expect(metrics).toMatchObject({ spansDropped: 0, spansSaveFailed: 0, queueCapacity: 2000 });
  });

  it("is not configured, unreachable, or a timeout within the deadline", async () => {
    expect(await collectorAnswers(undefined, 2_000)).toMatchObject({ ok: false, error: { kind: "not_configured" } });
    expect(await scrapeCollector(undefined, 2_000)).toMatchObject({ ok: false, error: { kind: "not_configured" } });
    const port = await closedPort();
    expect(await collectorAnswers(`http://127.0.0.1:${port}/`, 2_000)).toMatchObject({ ok: false, error: { kind: "unreachable" } });
    expect(await adminHealth(`http://127.0.0.1:${port}/metrics`, 2_000)).toMatchObject({ ok: false, error: { kind: "unreachable" } });
    expect(await scrapeCollector(`http://127.0.0.1:${hole.port}/metrics`, 400)).toMatchObject({ ok: false, error: { kind: "timeout" } });
    expect(await collectorAnswers(`http://127.0.0.1:${hole.port}/`, 400)).toMatchObject({ ok: false, error: { kind: "timeout" } });
  });

  it("calls another server's root not Jaeger's health", async () => {
    expect(await adminHealth("http://127.0.0.1:19090/metrics", 2_000)).toMatchObject({ ok: false, error: { kind: "bad_response" } });
  });
});
