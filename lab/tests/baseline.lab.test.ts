/**
 * After `lab up`: the pipeline runs end to end and every runbook health check passes.
 */
import { describe, expect, it } from "vitest";
import path from "node:path";
import { run, waitFor } from "../core/proc.ts";
import { GROUPS, LAB_SRC, MONITORING_NAMESPACE, PORTS } from "../core/paths.ts";
import { helm } from "../cluster/helm-cli.ts";
import { readRelease, storedRevisions } from "../cluster/helm-release.ts";
import { clickhouse, consumerGroupDescribe, deploymentLogs, execIn, kafkajsLag, kubectl, metricSum, pods, prometheusTargets } from "./runbook.ts";

const PIPELINE_APPS = ["normalization-service", "enrichment-service", "market-data-producer", "market-data-api-client", "kafka", "clickhouse", "postgresql", "redis", "elasticsearch"];

describe("lab up: a healthy pipeline", () => {
  it("kubectl get pods -n data-processing lists every pod Running and Ready", async () => {
    await waitFor("all pods ready", () => {
      const list = pods();
      return PIPELINE_APPS.every((app) => list.some((p) => p.metadata.labels.app === app && p.status.phase === "Running" && p.status.containerStatuses?.[0]?.ready));
    }, 60_000);
    expect(pods(undefined, MONITORING_NAMESPACE).some((p) => p.metadata.labels.app === "prometheus")).toBe(true);
    expect(kubectl(["get", "pods", "-n", "data-processing", "-l", "app=normalization-service"])).toMatch(/normalization-service-\S+\s+1\/1\s+Running/);
  });

  it("kafkajs lists normalization-group with a lag figure, and the Kafka tool agrees it keeps up", async () => {
    const { groups, lag } = await kafkajsLag();
    expect(groups).toEqual(expect.arrayContaining([GROUPS.normalization, GROUPS.enrichment]));
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(200);
    const described = consumerGroupDescribe();
    expect(described.raw).toContain("market-data");
    expect(described.lag).toBeLessThan(200);
  });

  it("ticks reach ClickHouse: SELECT count() FROM market_ticks grows", async () => {
    const before = Number(await clickhouse("SELECT count() FROM market_ticks"));
    expect(before).toBeGreaterThan(0);
    // the runbook's own command
    expect(Number(execIn("clickhouse-0", ["clickhouse-client", "--query", "SELECT count() FROM market_ticks"]).trim())).toBeGreaterThanOrEqual(before);
    await waitFor("more rows", async () => Number(await clickhouse("SELECT count() FROM market_ticks")) > before, 20_000);
  });

  it("Prometheus reports both services' targets up, and their counters move", async () => {
    await waitFor("targets up", async () => {
      const t = await prometheusTargets();
      return t["normalization-service"]?.health === "up" && t["enrichment-service"]?.health === "up" && t.prometheus?.health === "up";
    }, 30_000);
    expect(await metricSum(PORTS.normalizationMetrics, "messages_processed_total")).toBeGreaterThan(0);
    expect(await metricSum(PORTS.enrichmentMetrics, "messages_processed_total")).toBeGreaterThan(0);
  });

  it("each service's /health answers ok", async () => {
    for (const port of [PORTS.normalizationHttp, PORTS.enrichmentHttp]) {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe("ok");
    }
  });

  it("kubectl logs shows each deployment's own process output", () => {
    expect(deploymentLogs("normalization-service")).toContain("[normalization-service] consuming");
    expect(deploymentLogs("enrichment-service")).toContain("[enrichment-service] consuming");
    expect(kubectl(["logs", "-n", "data-processing", "kafka-0", "--tail=50"])).toMatch(/INFO/);
  });

  it("the Helm release history is stored as Helm secrets (release.v1) with one failed upgrade, which helm v4 reads", () => {
    const revisions = storedRevisions();
    expect(revisions.length).toBeGreaterThanOrEqual(5);
    expect(revisions.filter((r) => r.status === "failed").length).toBeGreaterThanOrEqual(1);
    expect(revisions.at(-1)!.status).toBe("deployed");
    const latest = readRelease(revisions.at(-1)!.version) as { name: string; info: { status: string }; chart: { metadata: { version: string } } };
    expect(latest.name).toBe("data-processing-pipeline");
    expect(latest.info.status).toBe("deployed");
    // the real helm CLI reads what the lab stored
    expect(helm(["history", "data-processing-pipeline", "-n", "data-processing"])).toMatch(/failed/);
    expect(helm(["status", "data-processing-pipeline", "-n", "data-processing"])).toMatch(/STATUS: deployed/);
    const secrets = kubectl(["get", "secrets", "-n", "data-processing"]);
    expect(secrets).toContain("kubernetes.io/dockerconfigjson");
    expect(secrets).toContain("helm.sh/release.v1");
  });

  it("Jaeger (label component=jaeger-collector) runs and holds traces from both services", async () => {
    expect(kubectl(["get", "pods", "-n", "data-processing", "-l", "component=jaeger-collector"])).toMatch(/jaeger-\S+\s+1\/1\s+Running/);
    expect((await fetch(`http://127.0.0.1:${PORTS.jaegerAdmin}/`)).ok).toBe(true);
    await waitFor("traces from both services", async () => {
      const body = (await (await fetch(`http://127.0.0.1:${PORTS.jaegerQuery}/api/services`)).json()) as { data: string[] | null };
      return ["normalization-service", "enrichment-service"].every((s) => body.data?.includes(s));
    }, 30_000, 1_000);
    const metrics = await (await fetch(`http://127.0.0.1:${PORTS.jaegerAdmin}/metrics`)).text();
    expect(metrics).toMatch(/jaeger_collector_traces_saved_by_svc_total\{[^}]*svc="normalization-service"[^}]*\} [1-9]/);
  });

  it("lab status --json lists every component up with its endpoint", () => {
    const r = run(process.execPath, ["--import", "tsx", path.join(LAB_SRC, "cli.ts"), "status", "--json"], { timeoutMs: 60_000 });
    const { components } = JSON.parse(r.stdout) as { components: Array<{ name: string; endpoint: string; up: boolean; detail: string }> };
    expect(components.map((c) => c.name)).toEqual(expect.arrayContaining(["kafka", "clickhouse", "redis", "prometheus", "postgresql", "elasticsearch", "kube-apiserver", "jaeger", "lab-controller", "normalization-service", "enrichment-service"]));
    expect(components.filter((c) => !c.up)).toEqual([]);
    expect(r.status).toBe(0);
  });

  it("kubectl top pods shows the processes' real memory", async () => {
    const out = await waitFor("pod metrics", () => {
      try {
        const o = kubectl(["top", "pods", "-n", "data-processing", "--no-headers"]);
        return /enrichment-service-\S+\s+\d+m\s+\d+Mi/.test(o) ? o : null;
      } catch {
        return null;
      }
    }, 90_000, 3_000);
    const mem = Number(/enrichment-service-\S+\s+\d+m\s+(\d+)Mi/.exec(out)![1]);
    expect(mem).toBeGreaterThan(30); // a real node process, not kwok's 1Mi default
  });
});
