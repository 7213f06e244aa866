import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeconfigFor } from "@/lib/connectors/kubernetes/lab-fixtures";
import { labContext } from "@/test/lab-catalog";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { runCheck } from "./define-check";
import { CHECKS } from "./registry";

/**
 * Every check, whatever its system, against a backend that is not there (a closed port:
 * `unreachable`) and one that accepts and never answers (a black hole: `timeout` at the
 * deadline). The environment variables that point each family of checks at its backend,
 * by the id's prefix; a check family without a row here fails the test. The lab's own
 * servers are not touched (the lab does not even need to be up, only its kubeconfig and
 * certificates on disk).
 */
const at = (port: number): Record<string, () => Promise<Record<string, string>>> => {
  const url = `http://127.0.0.1:${port}`;
  const kube = async () => ({ KUBECONFIG: await kubeconfigFor(port) });
  return {
    kubernetes: kube,
    helm: kube,
    // both services: some checks default to enrichment-service (service.quality)
    service: async () => ({ NORMALIZATION_SERVICE_URL: url, NORMALIZATION_SERVICE_METRICS_URL: `${url}/metrics`, ENRICHMENT_SERVICE_URL: url, ENRICHMENT_SERVICE_METRICS_URL: `${url}/metrics` }),
    tls: async () => ({ NORMALIZATION_SERVICE_TLS_ADDRESS: `127.0.0.1:${port}` }),
    kafka: async () => ({ KAFKA_BROKERS: `127.0.0.1:${port}` }),
    clickhouse: async () => ({ CLICKHOUSE_URL: url }),
    postgresql: async () => ({ PIPELINE_DATABASE_URL: `postgresql://user:pipeline@127.0.0.1:${port}/db` }),
    redis: async () => ({ REDIS_URL: `redis://127.0.0.1:${port}` }),
    prometheus: async () => ({ PROMETHEUS_URL: url }),
    grafana: async () => ({ GRAFANA_URL: url }),
    jaeger: async () => ({ JAEGER_COLLECTOR_URL: `${url}/`, JAEGER_METRICS_URL: `${url}/metrics` }),
    elasticsearch: async () => ({ ELASTICSEARCH_URL: url }),
  };
};
const family = (id: string) => id.split(".")[0]!;

describe("every check, when its backend is down or hung (lab)", () => {
  let hole: BlackHole;
  let closed: number;
  beforeAll(async () => {
    hole = await blackHole();
    closed = await closedPort();
  });
  afterAll(async () => hole.close());

  it("has a way to point each check family at another server", () => {
    expect(CHECKS.length).toBeGreaterThan(40);
    expect([...new Set(CHECKS.map((check) => family(check.id)))].filter((prefix) => !(prefix in at(1)))).toEqual([]);
  });

  it.each(CHECKS.map((check) => [check.id, check] as const))("%s: a closed port is an error of kind unreachable", async (_id, check) => {
    const overrides = await at(closed)[family(check.id)]!();
    const result = await runCheck(check, labContext({ overrides }), {});
    expect(result).toMatchObject({ verdict: "error", error: { kind: "unreachable" } });
    expect(result.summary).toMatch(/unreachable/);
  });

  it.each(CHECKS.map((check) => [check.id, check] as const))("%s: a server that never answers is an error of kind timeout at the deadline", async (_id, check) => {
    const overrides = await at(hole.port)[family(check.id)]!();
    const result = await runCheck(check, labContext({ overrides, deadlineMs: 400 }), {});
    expect(result).toMatchObject({ verdict: "error", error: { kind: "timeout" } });
    expect(result.summary).toMatch(/timeout/);
  });
});
