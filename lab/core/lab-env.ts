/**
 * How a client (the incident console) reaches the lab: environment variables with the
 * lab's fixed loopback endpoints. `npm run lab -- env` prints them as `export` lines;
 * `npm run demo` passes them to the console.
 */
import path from "node:path";
import { CERT_DIR, CLICKHOUSE_URL, KAFKA_BROKERS, KUBECONFIG, LAB_DIR, OPENSEARCH_URL, PIPELINE_DB_URL, PORTS, PROMETHEUS_URL, RATE_LIMIT, REDIS_URL } from "./paths.ts";

export function labEnv(): Record<string, string> {
  return {
    KUBECONFIG,
    KAFKA_BROKERS: KAFKA_BROKERS.join(","),
    CLICKHOUSE_URL,
    CLICKHOUSE_USER: "default",
    REDIS_URL,
    // the lab limiter's requests per key and window
    REDIS_RATE_LIMIT_PER_WINDOW: String(RATE_LIMIT.requests),
    PROMETHEUS_URL,
    PIPELINE_DATABASE_URL: PIPELINE_DB_URL,
    NORMALIZATION_SERVICE_URL: `http://127.0.0.1:${PORTS.normalizationHttp}`,
    NORMALIZATION_SERVICE_METRICS_URL: `http://127.0.0.1:${PORTS.normalizationMetrics}/metrics`,
    NORMALIZATION_SERVICE_TLS_ADDRESS: `127.0.0.1:${PORTS.normalizationTls}`,
    // The console inspects the mTLS endpoint with enrichment-service's client certificate, as
    // a peer would, so that looking does not count as a failed handshake.
    NORMALIZATION_SERVICE_TLS_CLIENT_CERT_FILE: path.join(CERT_DIR, "enrichment-service", "client-cert.pem"),
    NORMALIZATION_SERVICE_TLS_CLIENT_KEY_FILE: path.join(CERT_DIR, "enrichment-service", "client-key.pem"),
    ENRICHMENT_SERVICE_URL: `http://127.0.0.1:${PORTS.enrichmentHttp}`,
    ENRICHMENT_SERVICE_METRICS_URL: `http://127.0.0.1:${PORTS.enrichmentMetrics}/metrics`,
    JAEGER_COLLECTOR_URL: `http://127.0.0.1:${PORTS.jaegerCollector}/`,
    JAEGER_METRICS_URL: `http://127.0.0.1:${PORTS.jaegerAdmin}/metrics`,
    // OpenSearch, speaking the Elasticsearch API the console's connector uses
    ELASTICSEARCH_URL: OPENSEARCH_URL,
    // the real helm v4 CLI that `npm run lab -- install` builds (not read by the catalog)
    HELM_BIN: path.join(LAB_DIR, "bin", "helm"),
  };
}
