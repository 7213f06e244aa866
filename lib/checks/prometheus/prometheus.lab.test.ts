import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { queryUp } from "./query-up";
import { targets } from "./targets";

describe("prometheus checks (lab)", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("prometheus.targets: 3/3 up in the lab, with each target's job and instance", async () => {
    const result = await runCheck(targets, labContext());
    expect(result).toMatchObject({ verdict: "ok", summary: "3/3 targets up", data: { up: 3, total: 3 } });
    expect(result.data!.targets.map((target) => target.job).sort()).toEqual(["enrichment-service", "normalization-service", "prometheus"]);
  });

  it("prometheus.query-up: up = 1 for every series", async () => {
    const result = await runCheck(queryUp, labContext());
    expect(result).toMatchObject({ verdict: "ok", summary: "up = 1 for 3/3", data: { query: "up" } });
    expect(result.data!.series).toContainEqual({ job: "normalization-service", instance: "127.0.0.1:19090", up: true });
  });

  it("is skipped when Prometheus is not configured", async () => {
    const result = await runCheck(targets, labContext({ overrides: { PROMETHEUS_URL: undefined } }));
    expect(result).toMatchObject({ verdict: "skipped", summary: expect.stringMatching(/^not configured: no Prometheus URL/) });
  });

  it("is an error for a closed port, and for a black hole within the deadline", async () => {
    const closed = await runCheck(queryUp, labContext({ overrides: { PROMETHEUS_URL: `http://127.0.0.1:${await closedPort()}` } }));
    expect(closed).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    const hung = await runCheck(targets, labContext({ overrides: { PROMETHEUS_URL: `http://127.0.0.1:${hole.port}` }, deadlineMs: 400 }));
    expect(hung).toMatchObject({ verdict: "error", error: { kind: "timeout" }, summary: expect.stringMatching(/^timeout/) });
  });
});
