import { describe, expect, it } from "vitest";
import { findProcedure } from "./catalogue";
import type { OperationStep } from "./definition";
import { serviceNamedBySymptom } from "./symptom-service";

const SERVICES = ["normalization-service", "enrichment-service"];
const step = findProcedure("prometheus-issues")!.steps.find((candidate) => candidate.id === "verify-metric-endpoints") as OperationStep;
const targets = (verdict: string, summary: string) => ({ step: "check-targets", status: "done", verdict, summary });

describe("the service an operation step acts on when the run names none", () => {
  it("is the one catalog service the symptom names", () => {
    expect(serviceNamedBySymptom(step, [targets("warn", "2/3 targets up; down: enrichment-service 127.0.0.1:19091 (connection refused)")], SERVICES)).toBe("enrichment-service");
  });

  it("is none when the symptom names no service, several, or the check no longer warns", () => {
    expect(serviceNamedBySymptom(step, [targets("warn", "2/3 targets up; down: kafka-exporter 127.0.0.1:9308")], SERVICES)).toBeNull();
    expect(serviceNamedBySymptom(step, [targets("fail", "0/2 targets up; down: normalization-service …; enrichment-service …")], SERVICES)).toBeNull();
    expect(serviceNamedBySymptom(step, [targets("warn", "down: enrichment-service"), targets("ok", "3/3 targets up")], SERVICES)).toBeNull();
    // a name inside a longer name is not that service
    expect(serviceNamedBySymptom(step, [targets("warn", "down: enrichment-service-canary 127.0.0.1:1")], SERVICES)).toBeNull();
  });
});
