import { z } from "zod";
import { clusterHealth } from "@/lib/connectors/elasticsearch/elasticsearch-api";
import { connectorFailure, defineCheck } from "../define-check";

/**
 * `kubectl exec -it elasticsearch-0 -n data-processing -- curl http://localhost:9200/_cluster/health`
 * (Jaeger's storage), at systems.elasticsearch.url: green ok, yellow warn (replicas
 * unassigned), red fail (a primary shard unassigned: spans are being lost).
 */
export const clusterHealthCheck = defineCheck({
  id: "elasticsearch.cluster-health",
  system: "elasticsearch",
  title: "Elasticsearch cluster health",
  runbook: { procedure: "jaeger-issues", purpose: "Check storage status", command: "kubectl exec -it elasticsearch-0 -n data-processing -- curl \\\n  http://localhost:9200/_cluster/health" },
  params: z.object({}),
  // the lab's elasticsearch-0 is OpenSearch 2.19 (same cluster-health and _count API)
  lab: true,
  async run(context) {
    const result = await clusterHealth(context.catalog.systems.elasticsearch.url, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    const health = result.value;
    const verdict = health.status === "green" ? "ok" : health.status === "yellow" ? "warn" : "fail";
    const shards = [`${health.activeShards} active shards`, ...(health.unassignedShards ? [`${health.unassignedShards} unassigned`] : []), ...(health.initializingShards ? [`${health.initializingShards} initializing`] : []), ...(health.relocatingShards ? [`${health.relocatingShards} relocating`] : [])];
    return { verdict, summary: `cluster ${health.clusterName} ${health.status}: ${health.nodes} node${health.nodes === 1 ? "" : "s"} (${health.dataNodes} data), ${shards.join(", ")}`, data: health };
  },
});
