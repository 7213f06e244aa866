import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { instantQuery, listTargets, rangeQuery } from "./prometheus-api";

/** Against the lab's Prometheus 2.42 (127.0.0.1:59090), which scrapes both services every 5 s. */
const PROMETHEUS = "http://127.0.0.1:59090";

describe("Prometheus API (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("lists the lab's targets: both services and Prometheus itself, up", async () => {
    const result = await listTargets(PROMETHEUS, 2_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const jobs = Object.fromEntries(result.value.map((target) => [target.job, target]));
    expect(Object.keys(jobs).sort()).toEqual(["enrichment-service", "normalization-service", "prometheus"]);
    expect(jobs["normalization-service"]).toMatchObject({ health: "up", instance: "127.0.0.1:19090", lastError: "", scrapeUrl: "http://127.0.0.1:19090/metrics" });
  });

  it("answers the runbook's up query and a service's p99 over 1m", async () => {
    const up = await instantQuery(PROMETHEUS, "up", {}, 2_000);
    expect(up.ok && up.value.samples.filter((sample) => sample.value === 1).length).toBe(3);
    const processed = await instantQuery(PROMETHEUS, "processedPerSecond", { service: "normalization-service" }, 2_000);
    // the producer sends ~20 ticks/s
    expect(processed.ok && processed.value.samples[0]!.value).toBeGreaterThan(5);
    const p99 = await instantQuery(PROMETHEUS, "p99Seconds", { service: "normalization-service" }, 2_000);
    expect(p99.ok && p99.value.query).toContain('job="normalization-service"');
    expect(p99.ok && p99.value.samples[0]!.value).toBeGreaterThan(0);
  });

  it("gives a range of points for a sparkline", async () => {
    const end = new Date();
    const result = await rangeQuery(PROMETHEUS, "processedPerSecond", { service: "enrichment-service" }, { start: new Date(end.getTime() - 60_000), end, stepSeconds: 10 }, 2_000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.series).toHaveLength(1);
    expect(result.value.series[0]!.points.length).toBeGreaterThanOrEqual(5);
    expect(result.value.series[0]!.points.at(-1)![1]).toBeGreaterThan(0);
  });

  it("refuses bad parameters before sending anything", async () => {
    expect(await instantQuery(PROMETHEUS, "up", { service: 'x"} or vector(1)' }, 2_000)).toMatchObject({ ok: false, error: { kind: "bad_response", message: expect.stringMatching(/^bad query parameters: service/) } });
    const now = new Date();
    expect(await rangeQuery(PROMETHEUS, "up", {}, { start: new Date(now.getTime() - 86_400_000), end: now, stepSeconds: 1 }, 2_000)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/more than 11000 points/) } });
  });

  it("is not configured without a URL, unreachable on a closed port, and times out on a black hole within the deadline", async () => {
    expect(await listTargets(undefined, 2_000)).toMatchObject({ ok: false, error: { kind: "not_configured" } });
    expect(await listTargets(`http://127.0.0.1:${await closedPort()}`, 2_000)).toMatchObject({ ok: false, error: { kind: "unreachable" } });
    expect(await instantQuery(`http://127.0.0.1:${hole.port}`, "up", {}, 400)).toMatchObject({ ok: false, error: { kind: "timeout" } });
  });

  it("calls a non-Prometheus answer a bad response", async () => {
    // Jaeger's admin port answers JSON of another shape
    expect(await listTargets("http://127.0.0.1:14269/", 2_000)).toMatchObject({ ok: false, error: { kind: expect.stringMatching(/bad_response|not_found/) } });
  });
});
