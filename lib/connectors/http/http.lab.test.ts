import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketsOf, histogramQuantile, sumOf } from "./prometheus-text";
import { probeHealth, scrapeMetrics } from "./service-endpoints";

/** Against the lab's real normalization-service (npm run lab -- up): ports in lab/README.md. */
const HEALTH = "http://127.0.0.1:18080/health";
const METRICS = "http://127.0.0.1:19090/metrics";

describe("service endpoints (lab)", () => {
  let blackHole: Server;
  let blackHolePort = 0;
  const held: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never answers: what a hung backend looks like from here.
    blackHole = createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", () => resolve()));
    blackHolePort = (blackHole.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise<void>((resolve) => blackHole.close(() => resolve()));
  });

  it("reads /health as JSON", async () => {
    const result = await probeHealth(HEALTH, 2_000);
    expect(result).toMatchObject({ ok: true, value: { httpStatus: 200, body: { service: "normalization-service" } } });
  });

  it("scrapes /metrics: processed counters and a duration histogram with p95/p99", async () => {
    const result = await scrapeMetrics(METRICS, 2_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const processed = result.value.samples.find((sample) => sample.name.includes("processed"));
    expect(processed).toBeDefined();
    const histogram = result.value.samples.find((sample) => sample.name.includes("duration") && sample.name.endsWith("_bucket"));
    expect(histogram).toBeDefined();
    const buckets = bucketsOf(result.value.samples, histogram!.name.replace(/_bucket$/, ""));
    expect(histogramQuantile(0.99, buckets)).toBeGreaterThan(0);
    expect(sumOf(result.value.samples, processed!.name)).toBeGreaterThan(0);
  });

  it("says unreachable for a closed port and timeout for a backend that never answers, within the deadline", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", () => resolve()));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await probeHealth(`http://127.0.0.1:${closedPort}/health`, 2_000)).toMatchObject({ ok: false, error: { kind: "unreachable" } });
    const hung = await probeHealth(`http://127.0.0.1:${blackHolePort}/health`, 500);
    expect(hung).toMatchObject({ ok: false, error: { kind: "timeout" } });
  });

  it("calls HTML or plain text from a metrics port a bad response, not a crash", async () => {
    const result = await scrapeMetrics(HEALTH, 2_000);
    expect(result).toMatchObject({ ok: false, error: { kind: "bad_response" } });
  });
});
