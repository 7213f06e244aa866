/**
 * Where the lab keeps things, and the fixed loopback ports it uses.
 *
 * Everything under `.lab/` is local state (self-ignored by `.lab/.gitignore`); the shell
 * scripts in lab/scripts share the same layout (logs/, run/, <component>/).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const LAB_SRC = path.join(REPO_DIR, "lab");
export const LAB_DIR = path.resolve(process.env.LAB_DIR ?? path.join(REPO_DIR, ".lab"));
export const SCRIPTS_DIR = path.join(LAB_SRC, "scripts");
export const RUN_DIR = path.join(LAB_DIR, "run");
export const LOG_DIR = path.join(LAB_DIR, "logs");
/** Container-runtime style (CRI) log files the pods' `kubectl logs` read, one dir per container. */
export const POD_LOG_DIR = path.join(LOG_DIR, "services");
export const CERT_DIR = path.join(LAB_DIR, "certs");
export const KUBECONFIG = path.join(LAB_DIR, "kubeconfig");
/** Active faults, read by the pipeline services and the lab controller. */
export const FAULTS_FILE = path.join(LAB_DIR, "faults.json");
export const KUBECTL = process.env.LAB_KUBECTL ?? "/usr/bin/kubectl";

export const HOST = "127.0.0.1";

/** Every port the lab listens on (127.0.0.1 only). Data/kube ports are owned by lab/scripts. */
export const PORTS = {
  kafka: 59092,
  clickhouseHttp: 58123,
  redis: 56379,
  prometheus: 59090,
  pipelineDb: 55432,
  kubeApiserver: 56443,
  /** the lab's second kwok (node pipeline-node-1): kubelet API for logs and metrics */
  pipelineKwok: 10248,
  normalizationHttp: 18080,
  enrichmentHttp: 18081,
  normalizationMetrics: 19090,
  enrichmentMetrics: 19091,
  /** normalization-service's mTLS endpoint (rules API that enrichment-service calls) */
  normalizationTls: 18443,
  /** Jaeger all-in-one: collector HTTP (the runbook's :14268), admin (/ and /metrics), query UI/API */
  jaegerCollector: 14268,
  jaegerAdmin: 14269,
  jaegerQuery: 16686,
  jaegerCollectorGrpc: 54250,
  jaegerQueryGrpc: 56685,
  jaegerOtlpGrpc: 54317,
  /** OTLP/HTTP receiver the pipeline services export spans to */
  jaegerOtlpHttp: 54318,
  /** OpenSearch (elasticsearch-0, Jaeger's span storage): the runbook's localhost:9200 */
  opensearch: 59200,
} as const;

export const KAFKA_BROKERS = [`${HOST}:${PORTS.kafka}`];
export const CLICKHOUSE_URL = `http://${HOST}:${PORTS.clickhouseHttp}`;
export const REDIS_URL = `redis://${HOST}:${PORTS.redis}`;
/** The pipeline services' limiter: requests per API key and window (rate_limit:<service>:<key>:<window> in Redis). */
export const RATE_LIMIT = { requests: 30, windowSeconds: 10 } as const;
export const PROMETHEUS_URL = `http://${HOST}:${PORTS.prometheus}`;
export const PIPELINE_DB_URL = `postgresql://user:pipeline@${HOST}:${PORTS.pipelineDb}/db`;
export const OPENSEARCH_URL = `http://${HOST}:${PORTS.opensearch}`;

export const TOPICS = { marketData: "market-data", normalizedTicks: "normalized-ticks" } as const;
export const GROUPS = { normalization: "normalization-group", enrichment: "enrichment-group" } as const;
export const NAMESPACE = "data-processing";
export const MONITORING_NAMESPACE = "monitoring";
