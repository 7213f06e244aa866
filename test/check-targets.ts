import { kubeconfigFor } from "@/lib/connectors/kubernetes/lab-fixtures";

/**
 * The environment variables that point each family of checks (by the id's prefix) at a
 * server on 127.0.0.1:<port> instead of the lab's: for the unreachable and timeout cases
 * (lib/checks/unreachable.lab.test.ts) and the deadline bench (bench/deadlines.ts).
 */
export const checkTargetsAt = (port: number): Record<string, () => Promise<Record<string, string>>> => {
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
