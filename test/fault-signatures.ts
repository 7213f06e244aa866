import type { HealthStatus } from "@/lib/health/types";

/**
 * What each lab fault looks like on the overview: the panel that must turn non-ok, the
 * status it must turn, a reason in the runbook's words (a pattern that cannot match the
 * healthy panel) and the runbook procedure its finding points to. A fault added to the lab
 * without a line here fails lib/health/detection.lab.test.ts; `npm run bench -- detection`
 * times the same table against the runbook's own commands.
 */
export interface FaultSignature {
  panel: string;
  status: HealthStatus[];
  reason: RegExp;
  procedure: string;
}

export const FAULT_SIGNATURES: Record<string, FaultSignature> = {
  "consumer-stall": { panel: "normalization-service", status: ["degraded"], reason: /^normalization-group lag [\d,]+ and growing [\d.]+\/s$/, procedure: "data-not-processing" },
  "bad-prices": { panel: "enrichment-service", status: ["degraded"], reason: /^data-quality issues [\d.]+\/s \(price ≤ 0/, procedure: "data-quality-issues" },
  crashloop: { panel: "normalization-service", status: ["down"], reason: /^(\/health unreachable|0\/\d pods ready|CrashLoopBackOff)/, procedure: "service-not-starting" },
  "image-pull": { panel: "enrichment-service", status: ["degraded"], reason: /^(ErrImagePull|ImagePullBackOff)$/, procedure: "image-pull-failures" },
  oom: { panel: "enrichment-service", status: ["degraded"], reason: /^memory \d+ % of limit \(.*\) and rising [\d.]+ MiB\/s/, procedure: "high-memory-usage" },
  "slow-queries": { panel: "clickhouse", status: ["degraded"], reason: /^ClickHouse queries up to [\d.]+ s \(enrichment-service vwap backfill\)$/, procedure: "clickhouse-issues" },
  "pg-locks": { panel: "postgresql", status: ["degraded"], reason: /^\d+ sessions? waiting on locks$/, procedure: "postgresql-issues" },
  "rate-limit-storm": { panel: "normalization-service", status: ["degraded"], reason: /^429s [\d.]+\/s \(for trading-desk-a/, procedure: "rate-limiting-issues" },
  "cert-expiring": { panel: "normalization-service", status: ["degraded"], reason: /^server certificate expired \d+ h ago$/, procedure: "authentication-failures" },
  "auth-failures": { panel: "normalization-service", status: ["degraded"], reason: /^auth failures [\d.]+\/s \(.*revoked key: trading-desk-a/, procedure: "authentication-failures" },
  "target-down": { panel: "prometheus", status: ["degraded"], reason: /^normalization-service target down/, procedure: "prometheus-issues" },
  "helm-failed": { panel: "kubernetes", status: ["degraded"], reason: /^Helm release data-processing-pipeline revision \d+ failed/, procedure: "deployment-failures" },
  "broker-down": { panel: "kafka", status: ["down", "unknown"], reason: /^(no brokers|unreachable|timeout)/, procedure: "broker-issues" },
  latency: { panel: "normalization-service", status: ["degraded"], reason: /^p99 \d+ ms$/, procedure: "high-latency" },
  "jaeger-down": { panel: "jaeger", status: ["unknown", "down"], reason: /^collector: unreachable/, procedure: "jaeger-issues" },
  "tracing-off": { panel: "normalization-service", status: ["degraded"], reason: /^tracing off: sampling rate 0/, procedure: "trace-quality-issues" },
};
