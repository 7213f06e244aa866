import { describe, expect, it } from "vitest";
import type { PodSummary } from "@/lib/connectors/kubernetes/pods";
import { evaluateService } from "./evaluate-service";

const pod = (overrides: Partial<PodSummary> = {}): PodSummary => ({
  name: "normalization-service-1",
  phase: "Running",
  ready: { ready: 1, total: 1 },
  restarts: 0,
  waitingReason: null,
  lastTermination: null,
  node: "pipeline-node-1",
  createdAt: null,
  ...overrides,
});
const ok = <T,>(value: T) => ({ ok: true as const, value, ms: 3 });

describe("evaluateService", () => {
  it("is ok when pods are ready, /health answers and the figures are within thresholds", () => {
    expect(evaluateService({ pods: ok([pod(), pod()]), health: ok({ httpStatus: 200 }), figures: { processedPerSecond: 20, errorRate: 0, p99Seconds: 0.05, consumerLag: 12 } })).toEqual({ status: "ok", reasons: [] });
  });

  it("says down, in words, for a crash-looping service", () => {
    const result = evaluateService({
      pods: ok([pod({ ready: { ready: 0, total: 1 }, restarts: 14, waitingReason: "CrashLoopBackOff", lastTermination: { reason: "Error", exitCode: 1, finishedAt: null } })]),
      health: { ok: false, error: { kind: "unreachable", message: "connection failed (ECONNREFUSED)" }, ms: 1 },
      figures: {},
    });
    expect(result.status).toBe("down");
    expect(result.reasons).toEqual(["0/1 pods ready", "CrashLoopBackOff", "14 restarts (last: Error)", "/health unreachable: connection failed (ECONNREFUSED)"]);
  });

  it("is degraded for partial readiness, lag over the warning line, a slow p99 or errors", () => {
    const result = evaluateService({ pods: ok([pod(), pod({ ready: { ready: 0, total: 1 } })]), health: ok({ httpStatus: 200 }), figures: { consumerLag: 2_500, p99Seconds: 1.2, errorRate: 0.05 } });
    expect(result.status).toBe("degraded");
    expect(result.reasons).toEqual(["1/2 pods ready", "error rate 5.0%", "p99 1200 ms", "consumer lag 2,500"]);
  });

  it("is unknown when the cluster cannot be asked, not ok and not down", () => {
    const result = evaluateService({ pods: { ok: false, error: { kind: "timeout", message: "no answer within 2000 ms" }, ms: 2000 }, health: null, figures: {} });
    expect(result).toEqual({ status: "unknown", reasons: ["pods timeout: no answer within 2000 ms"] });
  });

  it("is not configured when there is nothing to ask", () => {
    expect(evaluateService({ pods: null, health: null, figures: {} }).status).toBe("not_configured");
  });
});
