import { describe, expect, it } from "vitest";
import { apiUrl } from "../http/api-url";
import { splitCredentials } from "../http/credentials";
import { JAEGER_SPAN_INDEX, parseClusterHealth, parseCount } from "./elasticsearch-api";

/**
 * Answers as documented: https://www.elastic.co/guide/en/elasticsearch/reference/current/cluster-health.html
 * (example response) and https://www.elastic.co/guide/en/elasticsearch/reference/current/search-count.html.
 * The lab's OpenSearch answers the same (lib/checks/elasticsearch/elasticsearch.lab.test.ts).
 */
describe("Elasticsearch answers", () => {
  it("reads _cluster/health", () => {
    const documented = {
      cluster_name: "testcluster",
      status: "yellow",
      timed_out: false,
      number_of_nodes: 1,
      number_of_data_nodes: 1,
      active_primary_shards: 1,
      active_shards: 1,
      relocating_shards: 0,
      initializing_shards: 0,
      unassigned_shards: 1,
      unassigned_primary_shards: 0,
      delayed_unassigned_shards: 0,
      number_of_pending_tasks: 0,
      number_of_in_flight_fetch: 0,
      task_max_waiting_in_queue_millis: 0,
      active_shards_percent_as_number: 50.0,
    };
    expect(parseClusterHealth(documented)).toEqual({ clusterName: "testcluster", status: "yellow", timedOut: false, nodes: 1, dataNodes: 1, activeShards: 1, relocatingShards: 0, initializingShards: 0, unassignedShards: 1, pendingTasks: 0, activeShardsPercent: 50 });
    expect(parseClusterHealth({ ...documented, status: "purple" })).toBeNull();
    expect(parseClusterHealth({ error: { type: "security_exception" }, status: 401 })).toBeNull();
  });

  it("reads _count", () => {
    expect(parseCount({ count: 1, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 } }, JAEGER_SPAN_INDEX)).toEqual({ index: "jaeger-span-*", count: 1, shards: { total: 1, successful: 1, failed: 0 } });
    expect(parseCount({ hits: [] }, JAEGER_SPAN_INDEX)).toBeNull();
  });

  it("builds the span count URL with the fixed pattern, and moves URL credentials into a header", () => {
    expect(apiUrl("http://elasticsearch:9200", `${JAEGER_SPAN_INDEX}/_count`)).toBe("http://elasticsearch:9200/jaeger-span-*/_count");
    expect(splitCredentials("http://elastic:p%40ss@elasticsearch:9200/")).toEqual({ url: "http://elasticsearch:9200/", headers: { authorization: `Basic ${Buffer.from("elastic:p@ss").toString("base64")}` } });
    expect(splitCredentials("http://elasticsearch:9200/")).toEqual({ url: "http://elasticsearch:9200/", headers: {} });
  });
});
