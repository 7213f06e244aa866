import type { CheckContext } from "@/lib/checks/types";
import type { SystemName } from "@/lib/config/catalog";
import type { SystemHealth } from "../types";
import { probeClickHouse } from "./clickhouse";
import { probeElasticsearch } from "./elasticsearch";
import { probeGrafana } from "./grafana";
import { probeJaeger } from "./jaeger";
import { probeKafka } from "./kafka";
import { probeKubernetes } from "./kubernetes";
import { probePostgres } from "./postgresql";
import { probePrometheus } from "./prometheus";
import { probeRedis } from "./redis";

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
