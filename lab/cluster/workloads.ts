/**
 * The pipeline as Kubernetes sees it: every workload, the namespace it lives in, and the
 * real local process behind its pod. Both the manifests (cluster/manifests.ts) and the
 * lab controller (controller/) read this table, so a pod always maps to one process.
 */
import path from "node:path";
import { LAB_DIR, LAB_SRC, LOG_DIR, MONITORING_NAMESPACE, NAMESPACE, PORTS } from "../core/paths.ts";

export const REGISTRY = "registry.254carbon.io/pipeline";

interface WorkloadBase {
  /** Deployment/StatefulSet name, pod label `app=<name>`, container name */
  name: string;
  namespace: string;
  kind: "Deployment" | "StatefulSet";
  image: string;
  /** extra pod labels (e.g. Jaeger's component=jaeger-collector) */
  labels?: Record<string, string>;
  /** containerPort name -> in-cluster port, as in the production manifests */
  containerPorts: Record<string, number>;
  /** where the lab's real process actually listens (annotation lab.254carbon.io/endpoints) */
  endpoints: Record<string, string>;
  resources: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
}

/** A pipeline service the lab controller runs itself (tsx), playing the kubelet. */
export interface SupervisedWorkload extends WorkloadBase {
  runtime: "supervised";
  entry: string;
  /** the controller kills the process (OOMKilled) when its RSS passes the memory limit */
  memoryLimitBytes: number;
}

/** A data service started by lab/scripts/<script>.sh; the controller only observes it. */
export interface ExternalWorkload extends WorkloadBase {
  runtime: "external";
  /** pid file name in .lab/run */
  pidName: string;
  /** what starts it: lab/scripts/<script>.sh, or lab/cluster/<script>.ts for Jaeger */
  script: string;
  /** the server's own log file, copied into the pod's container log */
  logFile: string;
  /** TCP port that must accept connections for the pod to be Ready */
  readinessPort: number;
}

export type Workload = SupervisedWorkload | ExternalWorkload;

const MI = 1024 * 1024;
const small = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1", memory: "512Mi" } };
const svc = (name: string, memoryMi: number, extra: Partial<SupervisedWorkload> = {}): SupervisedWorkload => ({
  name,
  namespace: NAMESPACE,
  kind: "Deployment",
  runtime: "supervised",
  image: `${REGISTRY}/${name}:${IMAGE_TAGS[name] ?? "1.0.0"}`,
  entry: path.join(LAB_SRC, "services", `${name}.ts`),
  memoryLimitBytes: memoryMi * MI,
  containerPorts: {},
  endpoints: {},
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1", memory: `${memoryMi}Mi` } },
  ...extra,
});

/** The image tags the lab's "registry" has (controller/images.ts refuses anything else). */
export const IMAGE_TAGS: Record<string, string> = {
  "normalization-service": "2.4.1",
  "enrichment-service": "2.4.1",
  "market-data-producer": "1.9.0",
  "market-data-api-client": "0.7.3",
};

export const WORKLOADS: Workload[] = [
  svc("normalization-service", 512, {
    containerPorts: { http: 8080, metrics: 9090, mtls: 8443 },
    endpoints: { http: `http://127.0.0.1:${PORTS.normalizationHttp}`, metrics: `http://127.0.0.1:${PORTS.normalizationMetrics}/metrics`, mtls: `https://127.0.0.1:${PORTS.normalizationTls}` },
  }),
  svc("enrichment-service", 384, {
    containerPorts: { http: 8080, metrics: 9090 },
    endpoints: { http: `http://127.0.0.1:${PORTS.enrichmentHttp}`, metrics: `http://127.0.0.1:${PORTS.enrichmentMetrics}/metrics` },
  }),
  svc("market-data-producer", 256),
  svc("market-data-api-client", 256),
  {
    name: "kafka", namespace: NAMESPACE, kind: "StatefulSet", runtime: "external", image: "docker.io/apache/kafka:3.9.2",
    pidName: "kafka", script: "kafka", logFile: path.join(LAB_DIR, "kafka/logs/server.log"), readinessPort: PORTS.kafka,
    containerPorts: { broker: 9092, controller: 9093 }, endpoints: { broker: `127.0.0.1:${PORTS.kafka}` },
    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } },
  },
  {
    name: "clickhouse", namespace: NAMESPACE, kind: "StatefulSet", runtime: "external", image: "docker.io/yandex/clickhouse-server:18.16.1",
    pidName: "clickhouse", script: "clickhouse", logFile: path.join(LAB_DIR, "clickhouse/log/clickhouse-server.log"), readinessPort: PORTS.clickhouseHttp,
    containerPorts: { http: 8123, native: 9000 }, endpoints: { http: `http://127.0.0.1:${PORTS.clickhouseHttp}`, native: "127.0.0.1:59000" },
    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } },
  },
  {
    name: "postgresql", namespace: NAMESPACE, kind: "StatefulSet", runtime: "external", image: "docker.io/library/postgres:15.18",
    pidName: "pipeline-db", script: "pipeline-db", logFile: path.join(LOG_DIR, "pipeline-db.log"), readinessPort: PORTS.pipelineDb,
    containerPorts: { postgresql: 5432 }, endpoints: { postgresql: `postgresql://user:pipeline@127.0.0.1:${PORTS.pipelineDb}/db` },
    resources: small,
  },
  {
    name: "redis", namespace: NAMESPACE, kind: "StatefulSet", runtime: "external", image: "docker.io/library/redis:7.0.15",
    pidName: "redis", script: "redis", logFile: path.join(LOG_DIR, "redis.log"), readinessPort: PORTS.redis,
    containerPorts: { redis: 6379 }, endpoints: { redis: `redis://127.0.0.1:${PORTS.redis}` },
    resources: small,
  },
  {
    // OpenSearch 2.19 plays Elasticsearch (the runbook's elasticsearch-0, :9200): Jaeger's span storage
    name: "elasticsearch", namespace: NAMESPACE, kind: "StatefulSet", runtime: "external", image: "docker.io/opensearchproject/opensearch:2.19.6",
    pidName: "opensearch", script: "opensearch", logFile: path.join(LOG_DIR, "opensearch.log"), readinessPort: PORTS.opensearch,
    containerPorts: { http: 9200, transport: 9300 }, endpoints: { http: `http://127.0.0.1:${PORTS.opensearch}` },
    resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } },
  },
  {
    // all-in-one: collector + query, spans stored in elasticsearch-0; the runbook selects component=jaeger-collector
    name: "jaeger", namespace: NAMESPACE, kind: "Deployment", runtime: "external", image: "docker.io/jaegertracing/all-in-one:1.76.0",
    labels: { component: "jaeger-collector" },
    pidName: "jaeger", script: "jaeger", logFile: path.join(LOG_DIR, "jaeger.log"), readinessPort: PORTS.jaegerAdmin,
    containerPorts: { collector: 14268, admin: 14269, query: 16686, "otlp-http": 4318 },
    endpoints: {
      collector: `http://127.0.0.1:${PORTS.jaegerCollector}`, admin: `http://127.0.0.1:${PORTS.jaegerAdmin}`,
      query: `http://127.0.0.1:${PORTS.jaegerQuery}`, "otlp-http": `http://127.0.0.1:${PORTS.jaegerOtlpHttp}`,
    },
    resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
  },
  {
    name: "prometheus", namespace: MONITORING_NAMESPACE, kind: "Deployment", runtime: "external", image: "quay.io/prometheus/prometheus:v2.42.0",
    pidName: "prometheus", script: "prometheus", logFile: path.join(LOG_DIR, "prometheus.log"), readinessPort: PORTS.prometheus,
    containerPorts: { web: 9090 }, endpoints: { web: `http://127.0.0.1:${PORTS.prometheus}` },
    resources: small,
  },
];

export const workload = (name: string): Workload => {
  const found = WORKLOADS.find((w) => w.name === name);
  if (!found) throw new Error(`no workload ${name}`);
  return found;
};

export const supervisedWorkloads = () => WORKLOADS.filter((w): w is SupervisedWorkload => w.runtime === "supervised");
export const externalWorkloads = () => WORKLOADS.filter((w): w is ExternalWorkload => w.runtime === "external");
