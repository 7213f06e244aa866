import { describe, expect, it } from "vitest";
import { runCheck } from "@/lib/checks/define-check";
import { serviceChecks } from "@/lib/checks/service";
import type { CheckDefinition } from "@/lib/checks/types";
import { labContext } from "@/test/lab-catalog";
import { probeElasticsearch } from "./elasticsearch";
import { probeGrafana } from "./grafana";
import { probeJaeger } from "./jaeger";
import { probePrometheus } from "./prometheus";

/**
 * The HTTP family swept together, warm, as the overview does. How fast (≤ 300 ms warm) is
 * measured by bench/health.ts, not asserted from one run here.
 */
describe("a warm sweep of the HTTP family (lab)", () => {
  it("probes Prometheus, Jaeger, Grafana, Elasticsearch and runs every service check for both services, all answering", async () => {
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
    const [prometheus, jaeger, , , ...checks] = await sweep();
    expect(prometheus).toMatchObject({ status: "ok" });
    expect(jaeger).toMatchObject({ status: "ok" });
    expect(checks).toHaveLength(2 * serviceChecks.length);
    expect(checks.filter((check) => check.verdict === "error").map((check) => check.summary)).toEqual([]);
  });
});
