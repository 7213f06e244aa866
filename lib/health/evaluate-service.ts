import { thresholdsSchema, type Thresholds } from "@/lib/config/catalog";
import type { ConnectorResult } from "@/lib/connectors/result";
import type { PodSummary } from "@/lib/connectors/kubernetes/pods";

/**
 * A service's status in one look, from what the runbook checks first: its pods
 * (`kubectl get pods -l app=…`), its `/health`, and key figures from `/metrics`. Pure: the
 * collector gathers the inputs (each with its own deadline), this decides.
 */
export type HealthStatus = "ok" | "degraded" | "down" | "unknown" | "not_configured";

export type ServiceThresholds = Pick<Thresholds, "restartsWarn" | "errorRateWarn" | "p99WarnSeconds" | "consumerLagWarn" | "consumerLagFail">;

/** The catalog's defaults (console.config.yaml may change them, per service too). */
export const DEFAULT_THRESHOLDS: ServiceThresholds = thresholdsSchema.parse({});

export interface ServiceInputs {
  pods: ConnectorResult<PodSummary[]> | null;
  health: ConnectorResult<{ httpStatus: number }> | null;
  figures: { processedPerSecond?: number | null; errorRate?: number | null; p99Seconds?: number | null; consumerLag?: number | null };
}

export interface ServiceHealth {
  status: HealthStatus;
  reasons: string[];
}

const SEVERITY: Record<HealthStatus, number> = { not_configured: 0, ok: 1, unknown: 2, degraded: 3, down: 4 };

export function evaluateService(inputs: ServiceInputs, thresholds: ServiceThresholds = DEFAULT_THRESHOLDS): ServiceHealth {
  if (!inputs.pods && !inputs.health) return { status: "not_configured", reasons: ["no Kubernetes or health endpoint configured"] };
  let status: HealthStatus = "ok";
  const reasons: string[] = [];
  const raise = (to: HealthStatus, reason: string) => {
    if (SEVERITY[to] > SEVERITY[status]) status = to;
    reasons.push(reason);
  };

  if (inputs.pods) {
    if (!inputs.pods.ok) raise("unknown", `pods ${inputs.pods.error.kind.replace("_", " ")}: ${inputs.pods.error.message}`);
    else {
      const pods = inputs.pods.value;
      const ready = pods.filter((pod) => pod.ready.total > 0 && pod.ready.ready === pod.ready.total).length;
      const restarts = pods.reduce((sum, pod) => sum + pod.restarts, 0);
      const waiting = [...new Set(pods.map((pod) => pod.waitingReason).filter((reason): reason is string => Boolean(reason)))];
      const terminations = [...new Set(pods.map((pod) => pod.lastTermination?.reason).filter((reason): reason is string => Boolean(reason)))];
      if (pods.length === 0) raise("down", "no pods");
      else if (ready === 0) raise("down", `0/${pods.length} pods ready`);
      else if (ready < pods.length) raise("degraded", `${ready}/${pods.length} pods ready`);
      for (const reason of waiting) raise(reason === "ContainerCreating" ? "degraded" : "down", reason);
      if (restarts >= thresholds.restartsWarn) raise("degraded", `${restarts} restarts${terminations.length ? ` (last: ${terminations.join(", ")})` : ""}`);
    }
  }

  if (inputs.health) {
    if (!inputs.health.ok) raise(inputs.health.error.kind === "timeout" || inputs.health.error.kind === "unreachable" ? "down" : "degraded", `/health ${inputs.health.error.kind.replace("_", " ")}: ${inputs.health.error.message}`);
  }

  const { figures } = inputs;
  if (figures.errorRate != null && figures.errorRate > thresholds.errorRateWarn) raise("degraded", `error rate ${(figures.errorRate * 100).toFixed(1)}%`);
  if (figures.p99Seconds != null && figures.p99Seconds > thresholds.p99WarnSeconds) raise("degraded", `p99 ${Math.round(figures.p99Seconds * 1000)} ms`);
  if (figures.consumerLag != null) {
    if (figures.consumerLag >= thresholds.consumerLagFail) raise("down", `consumer lag ${figures.consumerLag.toLocaleString("en-US")}`);
    else if (figures.consumerLag >= thresholds.consumerLagWarn) raise("degraded", `consumer lag ${figures.consumerLag.toLocaleString("en-US")}`);
  }
  if (figures.processedPerSecond === 0) raise("degraded", "processing nothing (0/s)");
  return { status, reasons };
}
