/**
 * The runbook's Tracing section against the lab: Jaeger stores its spans in elasticsearch-0
 * (OpenSearch), the collector can go down, and a service can stop sampling.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../core/proc.ts";
import { OPENSEARCH_URL, PORTS } from "../core/paths.ts";
import { fault, healAll } from "../faults/registry.ts";
import { execIn, kubectl, pods } from "./runbook.ts";

afterEach(async () => {
  await healAll({ quiet: true });
});
afterAll(async () => {
  await healAll({ quiet: true });
});

/** Spans of `service` stored in elasticsearch-0 that started at or after `sinceMs`. */
async function storedSpans(service: string, sinceMs: number): Promise<number> {
  const res = await fetch(`${OPENSEARCH_URL}/jaeger-span-*/_count`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ query: { bool: { filter: [{ term: { "process.serviceName": service } }, { range: { startTimeMillis: { gte: sinceMs } } }] } } }),
    signal: AbortSignal.timeout(5_000),
  });
  return ((await res.json()) as { count: number }).count;
}

const collectorAnswers = () => fetch(`http://127.0.0.1:${PORTS.jaegerCollector}/`, { signal: AbortSignal.timeout(2_000) }).then(() => true, () => false);
const jaegerPodReady = () => pods("component=jaeger-collector")[0]?.status.containerStatuses?.[0]?.ready === true;

/** The running normalization-service pod whose container started with the given sampling rate. */
function normalizationPodWithRate(rate: string) {
  return pods("app=normalization-service").find((p) => {
    const status = p.status.containerStatuses?.[0];
    if (p.metadata.deletionTimestamp || !status?.ready || !status.state.running) return false;
    return execIn(p.metadata.name, ["env"]).split("\n").includes(`TRACING_SAMPLING_RATE=${rate}`);
  });
}

describe("elasticsearch-0 (OpenSearch) as Jaeger's storage", () => {
  it("the runbook's storage commands answer from the node inside elasticsearch-0", async () => {
    expect(kubectl(["get", "pods", "-n", "data-processing", "elasticsearch-0"])).toMatch(/elasticsearch-0\s+1\/1\s+Running/);
    const health = JSON.parse(execIn("elasticsearch-0", ["curl", "-s", "http://localhost:9200/_cluster/health"])) as { status: string; number_of_nodes: number };
    expect(health).toMatchObject({ status: "green", number_of_nodes: 1 });
    const since = Date.now();
    // spans keep arriving: the count the runbook reads grows
    const first = (JSON.parse(execIn("elasticsearch-0", ["curl", "-s", "http://localhost:9200/jaeger-span-*/_count"])) as { count: number }).count;
    expect(first).toBeGreaterThan(0);
    await waitFor("new spans of both services stored", async () => (await storedSpans("normalization-service", since)) > 0 && (await storedSpans("enrichment-service", since)) > 0, 60_000, 2_000);
  });
});

describe("jaeger-down", () => {
  it("the collector refuses connections and the jaeger pod is not ready; heal brings both back", async () => {
    expect(await collectorAnswers()).toBe(true);
    await fault("jaeger-down").inject();
    // curl http://jaeger-collector:14268/ → connection refused
    await expect(fetch(`http://127.0.0.1:${PORTS.jaegerCollector}/`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    await waitFor("jaeger pod not ready", () => !jaegerPodReady(), 30_000);
    expect(kubectl(["get", "pods", "-n", "data-processing", "-l", "component=jaeger-collector"])).toMatch(/jaeger-\S+\s+0\/1\s/);
    // the storage is not the problem: elasticsearch-0 stays green
    expect(execIn("elasticsearch-0", ["curl", "-s", "http://localhost:9200/_cluster/health"])).toMatch(/"status":"green"/);

    await fault("jaeger-down").heal();
    expect(await collectorAnswers()).toBe(true);
    await waitFor("jaeger pod ready again", jaegerPodReady, 30_000);
    const healedAt = Date.now();
    await waitFor("spans stored again", async () => (await storedSpans("enrichment-service", healedAt)) > 0, 60_000, 2_000);
  });
});

describe("tracing-off", () => {
  it("normalization-service's pod shows TRACING_SAMPLING_RATE=0 and its spans stop while enrichment-service's go on; heal restores them", async () => {
    await fault("tracing-off").inject();
    const pod = await waitFor("a Ready pod with TRACING_SAMPLING_RATE=0", () => normalizationPodWithRate("0"), 60_000, 1_000);
    // kubectl exec -it <pod-name> -n data-processing -- env | grep TRACING
    expect(execIn(pod.metadata.name, ["env"]).split("\n").filter((line) => line.startsWith("TRACING"))).toContain("TRACING_SAMPLING_RATE=0");
    const startedAt = Date.parse((pod.status.containerStatuses![0]!.state.running as { startedAt: string }).startedAt);
    // the pipeline still traces (enrichment-service's spans arrive), only normalization-service is silent
    await waitFor("enrichment-service spans after the rollout", async () => (await storedSpans("enrichment-service", startedAt)) >= 5, 90_000, 2_000);
    expect(await storedSpans("normalization-service", startedAt)).toBe(0);

    await fault("tracing-off").heal();
    const healed = await waitFor("a Ready pod with TRACING_SAMPLING_RATE=0.1", () => normalizationPodWithRate("0.1"), 60_000, 1_000);
    const healedAt = Date.parse((healed.status.containerStatuses![0]!.state.running as { startedAt: string }).startedAt);
    await waitFor("normalization-service spans again", async () => (await storedSpans("normalization-service", healedAt)) > 0, 90_000, 2_000);
  });
});
