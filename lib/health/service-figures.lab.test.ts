import { describe, expect, it } from "vitest";
import { scrapeMetrics } from "@/lib/connectors/http/service-endpoints";
import { serviceFigures } from "./service-figures";

/** The figures from two real scrapes of the lab's normalization-service (~20 ticks/s from the producer), 2 s apart. */
describe("serviceFigures on the lab's scrapes", () => {
  it("gives a processing rate near the producer's, a windowed p99, and the declared counters as numbers", async () => {
    const first = await scrapeMetrics("http://127.0.0.1:19090/metrics", 2_000);
    const startedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const second = await scrapeMetrics("http://127.0.0.1:19090/metrics", 2_000);
    const seconds = (performance.now() - startedAt) / 1000;
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    const once = serviceFigures(first.value);
    expect(once).toMatchObject({ window: "since_start", processedPerSecond: null });
    expect(once.p99Seconds).toBeGreaterThan(0);
    const figures = serviceFigures(second.value, first.value, seconds);
    expect(figures).toMatchObject({ window: "window", restarted: false });
    expect(figures.processedPerSecond).toBeGreaterThan(5);
    expect(figures.processedPerSecond).toBeLessThan(100);
    expect(figures.observations).toBeGreaterThan(5);
    expect(figures.p50Seconds!).toBeLessThanOrEqual(figures.p99Seconds!);
    expect(figures.p99Seconds!).toBeLessThan(0.5);
    // the lab's labelled counters exist (declared) even when they never counted
    expect(figures.authFailuresPerSecond).not.toBeNull();
    expect(figures.qualityIssuesPerSecond).not.toBeNull();
    expect(figures.rateLimitedPerSecond).not.toBeNull();
  });
});
