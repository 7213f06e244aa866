import { withAdmin, printable, type KafkaTarget } from "./kafka-client";
import type { ConnectorResult } from "../result";

/**
 * The brokers, as `kafka-broker-api-versions.sh --bootstrap-server localhost:9092` lists
 * them (each broker that answered the ApiVersions handshake kafkajs makes on connect, plus
 * the Metadata request describeCluster sends).
 */
export interface ClusterDescription {
  brokers: Array<{ nodeId: number; host: string; port: number }>;
  /** the active controller's node id; null when the cluster has none */
  controller: number | null;
  clusterId: string;
}

export function describeCluster(target: KafkaTarget, deadlineMs: number): Promise<ConnectorResult<ClusterDescription>> {
  return withAdmin(target, deadlineMs, async (admin) => {
    const cluster = await admin.describeCluster();
    return {
      brokers: cluster.brokers.map((broker) => ({ nodeId: broker.nodeId, host: printable(broker.host), port: broker.port })).sort((a, b) => a.nodeId - b.nodeId),
      controller: cluster.controller === null || cluster.controller < 0 ? null : cluster.controller,
      clusterId: printable(cluster.clusterId ?? ""),
    };
  });
}
