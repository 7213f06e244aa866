import { z } from "zod";
import { apiUrl } from "../http/api-url";
import { splitCredentials } from "../http/credentials";
import { fetchJson } from "../http/fetch-json";
import { printable } from "@/lib/connectors/text";
import { failure, type ConnectorResult } from "../result";

/**
 * Elasticsearch, Jaeger's span storage in the runbook:
 * `kubectl exec -it elasticsearch-0 -n data-processing -- curl http://localhost:9200/_cluster/health`
 * and `… curl http://localhost:9200/jaeger-span-*\/_count`, reached at systems.elasticsearch.url
 * instead of through the pod. Credentials in that URL become a Basic header. The index
 * pattern is fixed (jaeger-span-*), never taken from the user.
 */
export interface ClusterHealth {
  clusterName: string;
  status: "green" | "yellow" | "red";
  timedOut: boolean;
  nodes: number;
  dataNodes: number;
  activeShards: number;
  relocatingShards: number;
  initializingShards: number;
  unassignedShards: number;
  pendingTasks: number;
  activeShardsPercent: number | null;
}

export interface SpanCount {
  index: string;
  count: number;
  shards: { total: number; successful: number; failed: number };
}

export const JAEGER_SPAN_INDEX = "jaeger-span-*";

// https://www.elastic.co/guide/en/elasticsearch/reference/current/cluster-health.html (response body)
const healthBody = z.object({
  cluster_name: z.string(),
  status: z.enum(["green", "yellow", "red"]),
  timed_out: z.boolean().default(false),
  number_of_nodes: z.number(),
  number_of_data_nodes: z.number(),
  active_shards: z.number().default(0),
  relocating_shards: z.number().default(0),
  initializing_shards: z.number().default(0),
  unassigned_shards: z.number().default(0),
  number_of_pending_tasks: z.number().default(0),
  active_shards_percent_as_number: z.number().optional(),
});
// https://www.elastic.co/guide/en/elasticsearch/reference/current/search-count.html (response body)
const countBody = z.object({ count: z.number(), _shards: z.object({ total: z.number(), successful: z.number(), failed: z.number().default(0) }) });

/** Pure: a `_cluster/health` answer. */
export function parseClusterHealth(body: unknown): ClusterHealth | null {
  const parsed = healthBody.safeParse(body);
  if (!parsed.success) return null;
  const health = parsed.data;
  return {
    clusterName: printable(health.cluster_name, 100),
    status: health.status,
    timedOut: health.timed_out,
    nodes: health.number_of_nodes,
    dataNodes: health.number_of_data_nodes,
    activeShards: health.active_shards,
    relocatingShards: health.relocating_shards,
    initializingShards: health.initializing_shards,
    unassignedShards: health.unassigned_shards,
    pendingTasks: health.number_of_pending_tasks,
    activeShardsPercent: health.active_shards_percent_as_number ?? null,
  };
}

/** Pure: a `_count` answer. */
export function parseCount(body: unknown, index: string): SpanCount | null {
  const parsed = countBody.safeParse(body);
  return parsed.success ? { index, count: parsed.data.count, shards: parsed.data._shards } : null;
}

const notConfigured = () => failure("not_configured", "no Elasticsearch URL (set ELASTICSEARCH_URL or systems.elasticsearch.url)");

async function getJson<T>(base: string | undefined, path: string, deadlineMs: number, parse: (body: unknown) => T | null, what: string): Promise<ConnectorResult<T>> {
  if (!base) return notConfigured();
  const { url, headers } = splitCredentials(base);
  const response = await fetchJson(apiUrl(url, path), { deadlineMs, headers });
  if (!response.ok) return response;
  const value = parse(response.value);
  return value ? { ok: true, value, ms: response.ms } : failure("bad_response", `not an Elasticsearch ${what} answer`, response.ms);
}

export function clusterHealth(base: string | undefined, deadlineMs: number): Promise<ConnectorResult<ClusterHealth>> {
  return getJson(base, "_cluster/health", deadlineMs, parseClusterHealth, "cluster health");
}

/** Spans stored by Jaeger: `GET /jaeger-span-*\/_count` (no index yet: 0, as allow_no_indices defaults to true). */
export function spanCount(base: string | undefined, deadlineMs: number): Promise<ConnectorResult<SpanCount>> {
  return getJson(base, `${JAEGER_SPAN_INDEX}/_count`, deadlineMs, (body) => parseCount(body, JAEGER_SPAN_INDEX), "count");
}
