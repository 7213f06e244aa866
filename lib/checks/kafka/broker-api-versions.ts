import { z } from "zod";
import { brokerApiVersions, type BrokerApiVersions } from "@/lib/connectors/kafka/api-versions";
import { describeCluster } from "@/lib/connectors/kafka/cluster";
import type { ConnectorError } from "@/lib/connectors/result";
import { connectorFailure, defineCheck } from "../define-check";
import type { Verdict } from "../types";
import { targetOf } from "./shared";

/**
 * `kafka-broker-api-versions.sh --bootstrap-server localhost:9092`: connects through the
 * bootstrap brokers, reads the cluster's brokers from metadata, then asks each one for its
 * API versions on its own connection. Fails when a broker does not answer or there is no
 * controller; an unreachable bootstrap is an `error` (nothing could be asked).
 */
export interface BrokerStatus {
  nodeId: number;
  address: string;
  controller: boolean;
  reachable: boolean;
  apiCount: number | null;
  error: ConnectorError | null;
  apis: BrokerApiVersions["apis"];
}

export const brokerApiVersionsCheck = defineCheck({
  id: "kafka.broker-api-versions",
  system: "kafka",
  title: "Brokers reachable",
  runbook: {
    procedure: "broker-issues",
    purpose: "Check broker status",
    command: "kubectl exec -it kafka-0 -n data-processing -- kafka-broker-api-versions.sh \\\n  --bootstrap-server localhost:9092",
  },
  params: z.object({}),
  lab: true,
  async run(context) {
    const target = targetOf(context);
    if (!target.ok) return connectorFailure(target.error);
    const cluster = await describeCluster(target.value, context.deadlineMs);
    if (!cluster.ok) return connectorFailure(cluster.error);
    const answers = await brokerApiVersions(target.value, cluster.value.brokers, Math.max(100, context.deadlineMs - cluster.ms));
    const brokers: BrokerStatus[] = answers.map(({ broker, result }) => ({
      nodeId: broker.nodeId,
      address: `${broker.host}:${broker.port}`,
      controller: broker.nodeId === cluster.value.controller,
      reachable: result.ok,
      apiCount: result.ok ? result.value.apis.length : null,
      error: result.ok ? null : result.error,
      apis: result.ok ? result.value.apis : [],
    }));
    const reachable = brokers.filter((broker) => broker.reachable).length;
    const parts = [`${reachable}/${brokers.length} ${brokers.length === 1 ? "broker answers" : "brokers answer"} ApiVersions`];
    for (const broker of brokers.filter((entry) => !entry.reachable)) parts.push(`broker ${broker.nodeId} (${broker.address}) ${broker.error?.kind.replace("_", " ")}`);
    parts.push(cluster.value.controller === null ? "no controller" : `controller: broker ${cluster.value.controller}`);
    const apiCounts = [...new Set(brokers.flatMap((broker) => (broker.apiCount === null ? [] : [broker.apiCount])))];
    if (apiCounts.length) parts.push(`${apiCounts.join("/")} APIs`);
    const verdict: Verdict = brokers.length === 0 || reachable === 0 || cluster.value.controller === null ? "fail" : reachable < brokers.length ? "warn" : "ok";
    return { verdict, summary: parts.join(", "), data: { clusterId: cluster.value.clusterId, controller: cluster.value.controller, brokers } };
  },
});
