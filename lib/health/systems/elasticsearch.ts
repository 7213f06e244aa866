import type { CheckContext } from "@/lib/checks/types";
import { clusterHealth } from "@/lib/connectors/elasticsearch/elasticsearch-api";
import type { SystemHealth } from "../types";

/**
 * Elasticsearch in one look (runbook, Jaeger Issues: `curl http://localhost:9200/_cluster/health`
 * in elasticsearch-0): green ok, yellow degraded, red down; nodes and unassigned shards.
 */
export async function probeElasticsearch(context: CheckContext): Promise<SystemHealth> {
  const url = context.catalog.systems.elasticsearch.url;
  if (!url) return { status: "not_configured", reasons: ["no Elasticsearch URL (ELASTICSEARCH_URL or systems.elasticsearch.url)"], figures: {} };
  const result = await clusterHealth(url, context.deadlineMs);
  if (!result.ok) {
    return { status: "unknown", reasons: [`${result.error.kind}: ${result.error.message}`], figures: { ms: Math.round(result.ms) } };
  }
  const health = result.value;
  const status = health.status === "green" ? "ok" : health.status === "yellow" ? "degraded" : "down";
  const reasons = [`cluster ${health.clusterName} ${health.status}, ${health.nodes} nodes`, ...(health.unassignedShards ? [`${health.unassignedShards} unassigned shards`] : [])];
  return { status, reasons, figures: { clusterStatus: health.status, nodes: health.nodes, unassignedShards: health.unassignedShards, ms: Math.round(result.ms) } };
}
