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
const MiB = 1024 * 1024;

describe("evaluateService", () => {
  it("is ok when pods are ready, /health answers and the figures are within thresholds", () => {
    expect(evaluateService({ pods: ok([pod(), pod()]), health: ok({ httpStatus: 200 }), figures: { processedPerSecond: 20, errorRate: 0, p99Seconds: 0.05, consumerLag: 12 } })).toEqual({ status: "ok", reasons: [], findings: [] });
  });

  it("says down, in words, for a crash-looping service, and names the procedure", () => {
    const result = evaluateService({
      pods: ok([pod({ ready: { ready: 0, total: 1 }, restarts: 14, waitingReason: "CrashLoopBackOff", lastTermination: { reason: "Error", exitCode: 1, finishedAt: null } })]),
      health: { ok: false, error: { kind: "unreachable", message: "connection failed (ECONNREFUSED)" }, ms: 1 },
      figures: {},
    });
    expect(result.status).toBe("down");
    expect(result.reasons).toEqual(["0/1 pods ready", "CrashLoopBackOff", "14 restarts (last: Error)", "/health unreachable: connection failed (ECONNREFUSED)"]);
    expect(new Set(result.findings.map((finding) => finding.procedure))).toEqual(new Set(["service-not-starting"]));
  });

  it("calls an image that cannot be pulled while the old pod serves a stuck rollout: degraded, not down", () => {
    const result = evaluateService({ pods: ok([pod(), pod({ ready: { ready: 0, total: 1 }, waitingReason: "ErrImagePull" })]), health: ok({ httpStatus: 200 }), figures: {} });
    expect(result.status).toBe("degraded");
    expect(result.reasons).toEqual(["1/2 pods ready", "ErrImagePull"]);
    expect(result.findings.map((finding) => finding.procedure)).toEqual(["image-pull-failures", "image-pull-failures"]);
  });

  it("is degraded, not down, for symptoms of a service that serves (even past a fail line)", () => {
    const result = evaluateService({ pods: ok([pod()]), health: ok({ httpStatus: 200 }), figures: { consumerLag: 12_408, p99Seconds: 2.5, errorRate: 0.05, processedPerSecond: 12 } });
    expect(result.status).toBe("degraded");
    expect(result.reasons).toEqual(["error rate 5.0%", "p99 2500 ms", "lag 12,408"]);
    expect(result.findings.map((finding) => [finding.signal, finding.verdict])).toEqual([
      ["service.error-rate", "warn"],
      ["service.latency", "fail"],
      ["kafka.lag", "fail"],
    ]);
  });

  it("names a stalled consumer by its growing lag and suggests Data Not Processing", () => {
    const result = evaluateService({ pods: ok([pod()]), health: ok({ httpStatus: 200 }), figures: { consumerLag: 680, processedPerSecond: 0 }, lag: { group: "normalization-group", growthPerSecond: 25 } });
    expect(result.status).toBe("degraded");
    expect(result.reasons).toEqual(["normalization-group lag 680 and growing 25/s", "processing nothing (0/s)"]);
    expect(result.findings.every((finding) => finding.procedure === "data-not-processing")).toBe(true);
  });

  it("judges symptom rates and memory, each with its procedure", () => {
    const result = evaluateService({
      pods: ok([pod()]),
      health: ok({ httpStatus: 200 }),
      figures: { processedPerSecond: 20 },
      symptoms: { authFailures: { rate: 1, by: { "revoked key: trading-desk-a": 1 } }, rateLimited: { rate: 0, by: {} }, quality: { rate: 4.3, by: { price_positive: 4.3 } } },
      memory: { usedBytes: 350 * MiB, limitBytes: 384 * MiB, risePerSecond: 4 * MiB },
    });
    expect(result.status).toBe("degraded");
    expect(result.findings.map((finding) => [finding.reason, finding.procedure])).toEqual([
      ["data-quality issues 4.3/s (price ≤ 0)", "data-quality-issues"],
      ["auth failures 1.0/s (revoked key: trading-desk-a)", "authentication-failures"],
      ["memory 91 % of limit (350 MiB of 384 MiB) and rising 4.0 MiB/s (limit in ~9 s)", "high-memory-usage"],
    ]);
  });

  it("takes findings of slower signals as they are", () => {
    const finding = { signal: "tls.certificate", verdict: "fail" as const, reason: "server certificate expired 1 h ago", procedure: "authentication-failures" };
    expect(evaluateService({ pods: ok([pod()]), health: ok({ httpStatus: 200 }), figures: {}, findings: [finding] })).toEqual({ status: "degraded", reasons: [finding.reason], findings: [finding] });
  });

  it("is unknown when the cluster cannot be asked, not ok and not down", () => {
    const result = evaluateService({ pods: { ok: false, error: { kind: "timeout", message: "no answer within 2000 ms" }, ms: 2000 }, health: null, figures: {} });
    expect(result).toEqual({ status: "unknown", reasons: ["pods timeout: no answer within 2000 ms"], findings: [] });
  });

  it("is not configured when there is nothing to ask", () => {
    expect(evaluateService({ pods: null, health: null, figures: {} }).status).toBe("not_configured");
  });
});
