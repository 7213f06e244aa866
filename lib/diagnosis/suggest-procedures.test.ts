import { describe, expect, it } from "vitest";
import { suggestProcedures } from "./suggest-procedures";

const lag = { signal: "kafka.lag", verdict: "fail" as const, reason: "normalization-group lag 12,408 and growing", procedure: "data-not-processing" };
const crash = { signal: "kubernetes.pods", verdict: "fail" as const, reason: "CrashLoopBackOff, 6 restarts", procedure: "service-not-starting" };
const throttled = { signal: "service.rate-limit", verdict: "warn" as const, reason: "429s rising", procedure: "rate-limiting-issues" };

describe("suggestProcedures", () => {
  it("turns findings into procedures with the reason in words, worst first", () => {
    const suggestions = suggestProcedures({
      services: [{ name: "enrichment-service", findings: [throttled] }, { name: "normalization-service", findings: [lag] }],
      systems: [{ name: "kafka" }],
    });
    expect(suggestions.map((suggestion) => [suggestion.id, suggestion.reason])).toEqual([
      ["data-not-processing", "normalization-group lag 12,408 and growing → Data Not Processing"],
      ["rate-limiting-issues", "429s rising → Rate Limiting Issues"],
    ]);
  });

  it("joins the reasons of several panels pointing at one procedure", () => {
    const [suggestion] = suggestProcedures({ services: [{ name: "normalization-service", findings: [crash] }], systems: [{ name: "kubernetes", findings: [{ ...crash, reason: "1 pod not ready" }] }] });
    expect(suggestion).toMatchObject({ id: "service-not-starting", reason: "CrashLoopBackOff, 6 restarts; 1 pod not ready → Service Not Starting", panels: ["normalization-service", "kubernetes"], service: "normalization-service" });
  });

  it("keeps to the incident's services but always counts infrastructure, and ignores findings with no or unknown procedure", () => {
    const suggestions = suggestProcedures(
      {
        services: [{ name: "enrichment-service", findings: [throttled] }, { name: "normalization-service", findings: [{ ...lag, procedure: null }] }],
        systems: [{ name: "kafka", findings: [{ ...lag, procedure: "no-such-procedure" }, { signal: "kafka.brokers", verdict: "fail", reason: "0/1 brokers", procedure: "broker-issues" }] }],
      },
      { services: ["normalization-service"] },
    );
    expect(suggestions.map((suggestion) => suggestion.id)).toEqual(["broker-issues"]);
  });

  it("suggests nothing when panels carry no findings", () => {
    expect(suggestProcedures({ services: [{ name: "normalization-service" }], systems: [] })).toEqual([]);
  });
});
