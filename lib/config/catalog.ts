import { z } from "zod";
import { parseDuration } from "./duration";

/**
 * The catalog: what the console watches and where it reaches it. Part of
 * `console.config.yaml` (see console-config.ts, which adds escalation and contacts).
 *
 * Defaults describe the runbook's pipeline: its services, namespaces, labels, consumer
 * groups, topics and tables. Endpoints default to environment variables (the lab prints
 * them with `npm run lab -- env`; in a cluster the console's Deployment sets them); an
 * endpoint that is neither written here nor in the environment is "not configured", never
 * guessed. Secrets are never written here: fields ending in `Env` name the environment
 * variable that holds them, read only on the server when a connection is made.
 */
export type Env = Record<string, string | undefined>;

const duration = z.string().refine((text) => parseDuration(text) !== null, { message: 'must be a duration such as "5m", "90s" or "1h"' });
const url = z.string().url({ message: "must be a URL, e.g. http://prometheus:9090" });
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { message: "must name an environment variable, e.g. CLICKHOUSE_PASSWORD" });
const k8sName = z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, { message: "must be a Kubernetes-style name, e.g. normalization-service" });
const selector = z.string().regex(/^[A-Za-z0-9_./-]+(=|==|!=)[A-Za-z0-9_.-]*(,[A-Za-z0-9_./-]+(=|==|!=)[A-Za-z0-9_.-]*)*$/, {
  message: "must be a label selector such as app=normalization-service",
});
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/, { message: "must be a table name such as market_ticks or default.market_ticks" });
const hostPort = z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, { message: "must be host:port, e.g. normalization-service:8443" });

/** Where a thing runs in Kubernetes: `kubectl get pods -n <namespace> -l <selector>`. */
const workload = { namespace: k8sName, selector };

/** Thresholds that turn figures into verdicts; every service may override any of them. */
export const thresholdsSchema = z.object({
  /** restarts across a service's pods before it is degraded */
  restartsWarn: z.number().int().nonnegative().default(3),
  /** errors / processed (0.01 = 1 %) */
  errorRateWarn: z.number().nonnegative().default(0.01),
  errorRateFail: z.number().nonnegative().default(0.1),
  /** the pipeline normalizes a tick in milliseconds: a p99 of a quarter second is a symptom */
  p99WarnSeconds: z.number().positive().default(0.25),
  p99FailSeconds: z.number().positive().default(2),
  consumerLagWarn: z.number().int().nonnegative().default(1_000),
  consumerLagFail: z.number().int().nonnegative().default(10_000),
  /**
   * lag growing at least this fast (messages/s, over at least 5 s) while above
   * consumerLagGrowingMin is a symptom before it crosses consumerLagWarn: a stalled consumer
   * of ~20 msgs/s is seen in seconds, not after minutes
   */
  consumerLagGrowthWarn: z.number().positive().default(2),
  consumerLagGrowingMin: z.number().int().nonnegative().default(100),
  /** data quality issues, 401s, 429s and TLS handshake errors per second (over the scrape window) */
  qualityIssuesWarnPerSecond: z.number().nonnegative().default(0.1),
  authFailuresWarnPerSecond: z.number().nonnegative().default(0.1),
  rateLimitedWarnPerSecond: z.number().nonnegative().default(0.5),
  tlsErrorsWarnPerSecond: z.number().nonnegative().default(0.1),
  /** memory working set against the limit (0.9 = 90 %) */
  memoryWarn: z.number().positive().max(1).default(0.85),
  memoryFail: z.number().positive().max(1).default(0.95),
  /** memory rising steadily that would reach the limit within this many seconds is a symptom already */
  memoryLimitWithinSeconds: z.number().positive().default(120),
  certificateWarnDays: z.number().int().nonnegative().default(14),
  certificateFailDays: z.number().int().nonnegative().default(3),
  /** ClickHouse and PostgreSQL queries running longer than this are worth a look */
  slowQuerySeconds: z.number().positive().default(2),
  /** PostgreSQL connections in use against max_connections */
  connectionsWarn: z.number().positive().max(1).default(0.8),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

/** Builds the catalog schema with defaults read from `env` (process.env in the console). */
export function catalogSchema(env: Env) {
  const fromEnv = (name: string) => env[name] || undefined;
  const list = (name: string) => fromEnv(name)?.split(",").map((item) => item.trim()).filter(Boolean);
  const endpoint = (base: string | undefined, pathname: string) => (base ? new URL(pathname, base).toString() : undefined);

  const service = z.object({
    name: k8sName,
    ...workload,
    namespace: workload.namespace.default("data-processing"),
    selector: workload.selector.optional(),
    /** `kubectl logs deployment/<deployment>` */
    deployment: k8sName.optional(),
    /** `curl http://<service>:8080/health` */
    healthUrl: url.optional(),
    /** `curl http://<service>:9090/metrics` */
    metricsUrl: url.optional(),
    kafka: z.object({ group: z.string().min(1), topics: z.array(z.string().min(1)).default([]) }).optional(),
    clickhouse: z.object({ tables: z.array(identifier).default([]) }).optional(),
    /** an endpoint whose certificate the runbook's `openssl x509` reads */
    tls: z
      .object({
        address: hostPort,
        serverName: z.string().optional(),
        /**
         * A client certificate to present when the endpoint asks for one (mTLS): without it, each
         * inspection counts as a failed handshake in the service's own TLS error figures.
         * Paths to PEM files; the key file's content is a secret and is read only when connecting.
         */
        clientCertFile: z.string().optional(),
        clientKeyFile: z.string().optional(),
      })
      .optional(),
    thresholds: thresholdsSchema.partial().optional(),
  });

  const pipelineService = (name: string, group: string, topics: string[], envPrefix: string, tables: string[]) => ({
    name,
    namespace: "data-processing",
    selector: `app=${name}`,
    deployment: name,
    healthUrl: fromEnv(`${envPrefix}_HEALTH_URL`) ?? endpoint(fromEnv(`${envPrefix}_URL`), "/health"),
    metricsUrl: fromEnv(`${envPrefix}_METRICS_URL`),
    kafka: { group, topics },
    clickhouse: { tables },
    tls: fromEnv(`${envPrefix}_TLS_ADDRESS`)
      ? { address: fromEnv(`${envPrefix}_TLS_ADDRESS`)!, serverName: name, clientCertFile: fromEnv(`${envPrefix}_TLS_CLIENT_CERT_FILE`), clientKeyFile: fromEnv(`${envPrefix}_TLS_CLIENT_KEY_FILE`) }
      : undefined,
  });

  return z.object({
    probe: z
      .object({
        /** every call to a backend gives up after this */
        deadline: duration.default("2s"),
        /** the overview's data is never older than this while someone looks at it */
        freshness: duration.default("5s"),
        /** how much history the sparklines keep */
        history: duration.default("15m"),
      })
      .prefault({}),
    thresholds: thresholdsSchema.prefault({}),
    services: z
      .array(service)
      .prefault(() => [
        pipelineService("normalization-service", "normalization-group", ["market-data"], "NORMALIZATION_SERVICE", []),
        pipelineService("enrichment-service", "enrichment-group", ["normalized-ticks"], "ENRICHMENT_SERVICE", ["market_ticks"]),
      ])
      .superRefine((services, context) => {
        const seen = new Set<string>();
        services.forEach((entry, index) => {
          if (seen.has(entry.name)) context.addIssue({ code: "custom", path: [index, "name"], message: `is listed twice (${entry.name})` });
          seen.add(entry.name);
        });
      }),
    systems: z
      .object({
        kubernetes: z
          .object({
            /** a kubeconfig file; unset with inCluster false: not configured */
            kubeconfig: z.string().optional().prefault(() => fromEnv("KUBECONFIG")),
            context: z.string().optional(),
            /** use the pod's service account (the console running in the cluster) */
            inCluster: z.boolean().default(() => Boolean(fromEnv("KUBERNETES_SERVICE_HOST")) && !fromEnv("KUBECONFIG")),
            /** namespaces the overview lists pods of (`kubectl get pods -n …`) */
            namespaces: z.array(k8sName).default(["data-processing", "monitoring"]),
          })
          .prefault({}),
        kafka: z
          .object({
            brokers: z.array(hostPort).optional().prefault(() => list("KAFKA_BROKERS")),
            clientId: z.string().default("incident-console"),
            ssl: z.boolean().default(false),
            sasl: z.object({ mechanism: z.enum(["plain", "scram-sha-256", "scram-sha-512"]), username: z.string(), passwordEnv: envName }).optional(),
            ...workload,
            namespace: workload.namespace.default("data-processing"),
            selector: workload.selector.default("app=kafka"),
          })
          .prefault({}),
        clickhouse: z
          .object({
            url: url.optional().prefault(() => fromEnv("CLICKHOUSE_URL")),
            user: z.string().prefault(() => fromEnv("CLICKHOUSE_USER") ?? "default"),
            passwordEnv: envName.default("CLICKHOUSE_PASSWORD"),
            database: z.string().default("default"),
            namespace: workload.namespace.default("data-processing"),
            selector: workload.selector.default("app=clickhouse"),
          })
          .prefault({}),
        postgresql: z
          .object({
            /** the pipeline's database (not the console's own): its URL holds a password, so only the variable is named */
            urlEnv: envName.default("PIPELINE_DATABASE_URL"),
            namespace: workload.namespace.default("data-processing"),
            selector: workload.selector.default("app=postgresql"),
          })
          .prefault({}),
        redis: z
          .object({
            urlEnv: envName.default("REDIS_URL"),
            /** requests the pipeline's limiter allows per key and window: rate_limit:* counters above it are clients getting 429s */
            rateLimitPerWindow: z.coerce.number().int().positive().optional().prefault(() => fromEnv("REDIS_RATE_LIMIT_PER_WINDOW")),
            namespace: workload.namespace.default("data-processing"),
            selector: workload.selector.default("app=redis"),
          })
          .prefault({}),
        prometheus: z
          .object({
            url: url.optional().prefault(() => fromEnv("PROMETHEUS_URL")),
            namespace: workload.namespace.default("monitoring"),
            selector: workload.selector.default("app=prometheus"),
          })
          .prefault({}),
        grafana: z
          .object({
            url: url.optional().prefault(() => fromEnv("GRAFANA_URL")),
            tokenEnv: envName.default("GRAFANA_TOKEN"),
            namespace: workload.namespace.default("monitoring"),
            selector: workload.selector.default("app=grafana"),
          })
          .prefault({}),
        jaeger: z
          .object({
            /** `curl http://jaeger-collector:14268/` */
            collectorUrl: url.optional().prefault(() => fromEnv("JAEGER_COLLECTOR_URL")),
            /** the admin port's /metrics (`curl http://jaeger-collector:9090/metrics | grep traces`) */
            metricsUrl: url.optional().prefault(() => fromEnv("JAEGER_METRICS_URL")),
            namespace: workload.namespace.default("data-processing"),
            selector: workload.selector.default("component=jaeger-collector"),
          })
          .prefault({}),
        elasticsearch: z
          .object({
            url: url.optional().prefault(() => fromEnv("ELASTICSEARCH_URL")),
            namespace: workload.namespace.default("data-processing"),
            selector: workload.selector.default("app=elasticsearch"),
          })
          .prefault({}),
      })
      .prefault({}),
    helm: z
      .object({
        release: z.string().default("data-processing-pipeline"),
        namespace: k8sName.default("data-processing"),
      })
      .prefault({}),
  });
}

export type Catalog = z.infer<ReturnType<typeof catalogSchema>>;
export type CatalogService = Catalog["services"][number];
export type SystemName = keyof Catalog["systems"];
export const SYSTEM_NAMES = ["kubernetes", "kafka", "clickhouse", "postgresql", "redis", "prometheus", "grafana", "jaeger", "elasticsearch"] as const satisfies readonly SystemName[];

/** A service's thresholds: the catalog's, with the service's own overrides. */
export function thresholdsFor(catalog: Pick<Catalog, "thresholds">, service?: Pick<CatalogService, "thresholds">): Thresholds {
  return { ...catalog.thresholds, ...(service?.thresholds ?? {}) } as Thresholds;
}

/** `${NAME}` in a string value of the YAML becomes that environment variable (unset: the field is unset). */
export function interpolateEnv(value: unknown, env: Env): unknown {
  if (typeof value === "string") {
    const whole = /^\$\{([A-Z_][A-Z0-9_]*)\}$/.exec(value);
    if (whole) return env[whole[1]!] || undefined;
    return value.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_, name: string) => env[name] ?? "");
  }
  if (Array.isArray(value)) return value.map((item) => interpolateEnv(item, env));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateEnv(item, env)]));
  return value;
}
