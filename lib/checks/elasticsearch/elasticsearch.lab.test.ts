import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { clusterHealth, spanCount } from "@/lib/connectors/elasticsearch/elasticsearch-api";
import { probeElasticsearch } from "@/lib/health/systems/elasticsearch";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { clusterHealthCheck } from "./cluster-health";
import { spanCountCheck } from "./span-count";

/**
 * The lab's elasticsearch-0 is OpenSearch 2.19 (Jaeger's span storage, lab/README.md),
 * speaking the Elasticsearch API the connector uses. Yellow and red are made on the real
 * node with an index it cannot fully place; run under `flock /tmp/lab.lock` (the whole
 * cluster's health changes for a few seconds).
 */
const url = labContext().catalog.systems.elasticsearch.url!;
const direct = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${url}/${path}`, { ...init, headers: { "Content-Type": "application/json" }, signal: AbortSignal.timeout(10_000) });
  return (await res.json()) as Record<string, unknown>;
};

describe("elasticsearch connector, checks and panel against the lab's OpenSearch", () => {
  it("runs in the lab", () => {
    for (const check of [clusterHealthCheck, spanCountCheck]) expect(check.lab).toBe(true);
  });

  it("reads the node's cluster health: one green node, as _cluster/health says", async () => {
    const raw = await direct("_cluster/health");
    expect(raw).toMatchObject({ cluster_name: "lab", status: "green", number_of_nodes: 1 });
    const result = await clusterHealth(url, 5_000);
    expect(result).toMatchObject({ ok: true, value: { clusterName: "lab", status: "green", nodes: 1, dataNodes: 1, unassignedShards: 0 } });
    expect(await runCheck(clusterHealthCheck, labContext({ deadlineMs: 5_000 }))).toMatchObject({ verdict: "ok", summary: expect.stringMatching(/^cluster lab green: 1 node \(1 data\), \d+ active shards$/) });
    expect(await probeElasticsearch(labContext({ deadlineMs: 5_000 }))).toMatchObject({ status: "ok", figures: { clusterStatus: "green", nodes: 1, unassignedShards: 0 } });
  });

  it("counts the spans Jaeger stored: between two direct counts taken around it, and more than none", async () => {
    const before = (await direct("jaeger-span-*/_count")).count as number;
    const connector = await spanCount(url, 5_000);
    const check = await runCheck(spanCountCheck, labContext({ deadlineMs: 5_000 }));
    const after = (await direct("jaeger-span-*/_count")).count as number;
    expect(before).toBeGreaterThan(0);
    if (!connector.ok) throw new Error(connector.error.message);
    expect(connector.value.count).toBeGreaterThanOrEqual(before);
    expect(connector.value.count).toBeLessThanOrEqual(after);
    expect(connector.value.shards.failed).toBe(0);
    expect(check).toMatchObject({ verdict: "ok", summary: expect.stringMatching(/^[\d,]+ spans in jaeger-span-\*$/) });
  });

  it("turns warn/degraded on a yellow cluster and fail/down on a red one, ok again once the index is gone", async () => {
    const index = `lab-health-test-${process.pid}`;
    try {
      // a replica a single node can never place: yellow
      await direct(index, { method: "PUT", body: JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 1 } }) });
      await direct(`_cluster/health/${index}?wait_for_status=yellow&timeout=20s`);
      expect(await runCheck(clusterHealthCheck, labContext({ deadlineMs: 5_000 }))).toMatchObject({ verdict: "warn", summary: expect.stringMatching(/yellow: .*1 unassigned/) });
      expect(await probeElasticsearch(labContext({ deadlineMs: 5_000 }))).toMatchObject({ status: "degraded" });
      // a primary pinned to a node that does not exist: red
      await direct(`${index}-red`, { method: "PUT", body: JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0, "index.routing.allocation.require._name": "no-such-node" } }) });
      expect(await runCheck(clusterHealthCheck, labContext({ deadlineMs: 5_000 }))).toMatchObject({ verdict: "fail", summary: expect.stringMatching(/^cluster lab red: /) });
      expect(await probeElasticsearch(labContext({ deadlineMs: 5_000 }))).toMatchObject({ status: "down", figures: { clusterStatus: "red" } });
    } finally {
      await direct(`${index},${index}-red`, { method: "DELETE" });
    }
    await direct("_cluster/health?wait_for_status=green&timeout=20s");
    expect(await runCheck(clusterHealthCheck, labContext({ deadlineMs: 5_000 }))).toMatchObject({ verdict: "ok" });
  });
});

describe("elasticsearch checks and probeElasticsearch without a reachable Elasticsearch", () => {
  let hole: BlackHole;
  beforeAll(async () => void (hole = await blackHole()));
  afterAll(async () => hole.close());

  it("is skipped / not configured without ELASTICSEARCH_URL", async () => {
    const context = labContext({ overrides: { ELASTICSEARCH_URL: undefined } });
    expect(await runCheck(clusterHealthCheck, context)).toMatchObject({ verdict: "skipped", summary: expect.stringMatching(/^not configured: no Elasticsearch URL/) });
    expect(await runCheck(spanCountCheck, context)).toMatchObject({ verdict: "skipped" });
    expect(await probeElasticsearch(context)).toMatchObject({ status: "not_configured" });
  });

  it("is an error when unreachable, without the URL's password in it", async () => {
    const context = labContext({ overrides: { ELASTICSEARCH_URL: `http://elastic:hunter2@127.0.0.1:${await closedPort()}` } });
    const result = await runCheck(clusterHealthCheck, context);
    expect(result).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(await runCheck(spanCountCheck, context)).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    expect(await probeElasticsearch(context)).toMatchObject({ status: "unknown" });
  });

  it("times out on a hung server within the deadline", async () => {
    const context = labContext({ overrides: { ELASTICSEARCH_URL: `http://127.0.0.1:${hole.port}` }, deadlineMs: 400 });
    for (const check of [clusterHealthCheck, spanCountCheck]) {
      expect(await runCheck(check as typeof clusterHealthCheck, context)).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
    }
    expect(await probeElasticsearch(context)).toMatchObject({ status: "unknown", reasons: [expect.stringMatching(/^timeout/)] });
  });
});
