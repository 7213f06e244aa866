import type { CheckContext } from "@/lib/checks/types";
import type { SystemName } from "@/lib/config/catalog";
import type { SystemHealth } from "../types";
import { SYSTEM_PROCEDURES } from "./system-verdict";
import { probeClickHouse } from "./clickhouse";
import { probeElasticsearch } from "./elasticsearch";
import { probeGrafana } from "./grafana";
import { probeJaeger } from "./jaeger";
import { probeKafka } from "./kafka";
import { probeKubernetes } from "./kubernetes";
import { probePostgres } from "./postgresql";
import { probePrometheus } from "./prometheus";
import { probeRedis } from "./redis";

export { SYSTEM_PROCEDURES } from "./system-verdict";

/**
 * A system panel that is not ok without findings of its own (its probe judged a level, not a
 * named symptom) gets one finding with its reasons and its system's procedure, so every
 * non-ok panel can be turned into a suggestion. `unknown` is a finding too: a broker that does
 * not answer is the start of Broker Issues.
 */
export function withFindings(system: SystemName, health: SystemHealth): SystemHealth {
  if (health.status === "ok" || health.status === "not_configured" || health.findings?.length) return health;
  const verdict = health.status === "degraded" ? "warn" : "fail";
  return { ...health, findings: [{ signal: `${system}.status`, verdict, reason: health.reasons.join("; "), procedure: SYSTEM_PROCEDURES[system] }] };
}

/** The overview's infrastructure panels, one probe per system of the runbook. */
export const SYSTEM_PROBES: Record<SystemName, (context: CheckContext) => Promise<SystemHealth>> = {
  kubernetes: probeKubernetes,
  kafka: probeKafka,
  clickhouse: probeClickHouse,
  postgresql: probePostgres,
  redis: probeRedis,
  prometheus: probePrometheus,
  grafana: probeGrafana,
  jaeger: probeJaeger,
  elasticsearch: probeElasticsearch,
};
