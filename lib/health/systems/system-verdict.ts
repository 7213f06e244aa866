import type { SystemName } from "@/lib/config/catalog";
import type { Finding, HealthStatus } from "../types";

/** The runbook procedure that diagnoses each system when its panel is not ok. */
export const SYSTEM_PROCEDURES: Record<SystemName, string> = {
  kubernetes: "check-service-status",
  kafka: "broker-issues",
  clickhouse: "clickhouse-issues",
  postgresql: "postgresql-issues",
  // the pipeline keeps its rate limits in Redis; the runbook has no Redis procedure of its own
  redis: "rate-limiting-issues",
  prometheus: "prometheus-issues",
  grafana: "grafana-issues",
  jaeger: "jaeger-issues",
  // Jaeger's span storage: "Check storage status" is a step of Jaeger Issues
  elasticsearch: "jaeger-issues",
};

const SEVERITY: Record<HealthStatus, number> = { not_configured: 0, ok: 1, unknown: 2, degraded: 3, down: 4 };

/**
 * An infrastructure panel's verdict as its probe builds it: `note` adds a line that only
 * informs ("1 broker", "PostgreSQL 15.18, 6/50 connections"); `raise` adds a symptom — it
 * worsens the status and becomes a finding with the system's runbook procedure — so every
 * non-ok panel says which procedure diagnoses it, one finding per symptom.
 */
export class SystemVerdict {
  status: HealthStatus = "ok";
  readonly reasons: string[] = [];
  readonly findings: Finding[] = [];

  constructor(private readonly system: SystemName) {}

  note(reason: string): void {
    this.reasons.push(reason);
  }

  raise(to: Exclude<HealthStatus, "ok" | "not_configured">, reason: string, signal = `${this.system}.status`, procedure = SYSTEM_PROCEDURES[this.system]): void {
    if (SEVERITY[to] > SEVERITY[this.status]) this.status = to;
    this.reasons.push(reason);
    this.findings.push({ signal, verdict: to === "degraded" ? "warn" : "fail", reason, procedure });
  }
}
