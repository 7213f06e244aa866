import { clickhouseChecks } from "./clickhouse";
import { elasticsearchChecks } from "./elasticsearch";
import { grafanaChecks } from "./grafana";
import { helmChecks } from "./helm";
import { jaegerChecks } from "./jaeger";
import { kafkaChecks } from "./kafka";
import { kubernetesChecks } from "./kubernetes";
import { postgresqlChecks } from "./postgresql";
import { prometheusChecks } from "./prometheus";
import { redisChecks } from "./redis";
import { serviceChecks } from "./service";
import { tlsChecks } from "./tls";
import type { AnyCheck } from "./types";

/** Every check the console can run, one per diagnosis command of the runbook (docs/checks.md). */
export const CHECKS: readonly AnyCheck[] = [
  ...kubernetesChecks,
  ...serviceChecks,
  ...kafkaChecks,
  ...clickhouseChecks,
  ...postgresqlChecks,
  ...redisChecks,
  ...tlsChecks,
  ...helmChecks,
  ...prometheusChecks,
  ...grafanaChecks,
  ...jaegerChecks,
  ...elasticsearchChecks,
];

export function findCheck(id: string): AnyCheck | undefined {
  return CHECKS.find((check) => check.id === id);
}
