import { describe, expect, it } from "vitest";
import { runCheck } from "@/lib/checks/define-check";
import { serviceChecks } from "@/lib/checks/service";
import type { CheckDefinition } from "@/lib/checks/types";
import { labContext } from "@/test/lab-catalog";
import { probeElasticsearch } from "./elasticsearch";
import { probeGrafana } from "./grafana";
import { probeJaeger } from "./jaeger";
import { probePrometheus } from "./prometheus";

/** The overview's sweep must stay well under 300 ms warm: connections are reused, nothing reconnects per call. */
describe("a warm sweep of the HTTP family (lab)", () => {
  it("probes Prometheus, Jaeger, Grafana, Elasticsearch and runs every service check for both services in well under 300 ms", async () => {
    const context = labContext();
    const sweep = () =>
      Promise.all([
        probePrometheus(context),
        probeJaeger(context),
        probeGrafana(context),
        probeElasticsearch(context),
        ...["normalization-service", "enrichment-service"].flatMap((service) => serviceChecks.map((check) => runCheck(check as CheckDefinition, context, { service }))),
      ]);
    await sweep();
    const started = performance.now();
    const [prometheus, jaeger, , , ...checks] = await sweep();
    const ms = performance.now() - started;
    expect(prometheus).toMatchObject({ status: "ok" });
    expect(jaeger).toMatchObject({ status: "ok" });
    expect(checks.every((check) => check.verdict !== "error")).toBe(true);
    expect(ms).toBeLessThan(300);
  });
});
