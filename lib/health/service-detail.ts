import "server-only";
import type { CatalogService } from "@/lib/config/catalog";
import type { TableSummary } from "@/lib/connectors/clickhouse/tables";
import { readRelease, type HelmRelease } from "@/lib/connectors/helm/releases";
import { describeGroup, groupLag, type GroupDescription } from "@/lib/connectors/kafka/groups";
import { kafkaTarget } from "@/lib/connectors/kafka/kafka-client";
import type { GroupLag } from "@/lib/connectors/kafka/lag";
import { getDeployment, type DeploymentSummary } from "@/lib/connectors/kubernetes/deployments";
import { listEvents, type EventSummary } from "@/lib/connectors/kubernetes/events";
import { kubeTarget } from "@/lib/connectors/kubernetes/kube-client";
import { topPods, type PodUsage } from "@/lib/connectors/kubernetes/metrics";
import { listPods, type PodSummary } from "@/lib/connectors/kubernetes/pods";
import { rangeQuery, type RangeSeries } from "@/lib/connectors/prometheus/prometheus-api";
import type { PromqlTemplate } from "@/lib/connectors/prometheus/promql";
import { failure, type ConnectorResult } from "@/lib/connectors/result";
import { consoleConfig } from "@/lib/config/console-config";
import { AppError } from "@/lib/errors";
import type { PanelHealth } from "./collector";
import { probeContext } from "./context";
import { healthSnapshot } from "./shared-collector";
import { tableStats } from "./systems/clickhouse";

/**
 * Everything the service page shows, each part fetched at once with the probe deadline and
 * answered on its own (a part whose backend is down carries its error; the rest still
 * shows): the panel from the shared collector, pods with usage against limits, the
 * Deployment, events newest first, the consumer group's lag per partition, the ClickHouse
 * tables it writes, the Helm release's history, and the last 30 minutes from Prometheus.
 * One fetch per service at a time, reused for a second, however many viewers.
 */
export type { PodSummary, PodUsage, DeploymentSummary, EventSummary, GroupLag, GroupDescription, TableSummary, HelmRelease, RangeSeries };
export type Part<T> = ConnectorResult<T>;

export interface ServiceDetail {
  name: string;
  /** where the service lives, as the catalog says (no secrets in it) */
  catalog: Pick<CatalogService, "namespace" | "selector" | "deployment" | "healthUrl" | "metricsUrl" | "kafka" | "clickhouse">;
  panel: PanelHealth;
  pods: Part<PodSummary[]>;
  usage: Part<PodUsage[]>;
  deployment: Part<DeploymentSummary>;
  events: Part<EventSummary[]>;
  lag: Part<GroupLag>;
  group: Part<GroupDescription>;
  tables: Part<TableSummary[]>;
  helm: Part<Omit<HelmRelease, "status"> & { status: ViewerHelmStatus }>;
  metrics: Part<Record<string, RangeSeries[]>>;
  checkedAt: string;
}

export const CHART_TEMPLATES = ["processedPerSecond", "errorRate", "p95Seconds", "p99Seconds"] as const satisfies readonly PromqlTemplate[];

const inFlight = new Map<string, { at: number; promise: Promise<ServiceDetail> }>();

export function serviceDetail(name: string): Promise<ServiceDetail> {
  const service = consoleConfig().services.find((entry) => entry.name === name);
  if (!service) throw new AppError("not_found", `No service named ${name} in the catalog.`);
  const cached = inFlight.get(name);
  if (cached && Date.now() - cached.at < 1_000) return cached.promise;
  const promise = collect(service);
  inFlight.set(name, { at: Date.now(), promise });
  return promise;
}

const notConfigured = (message: string) => Promise.resolve(failure("not_configured", message));

async function collect(service: CatalogService): Promise<ServiceDetail> {
  const context = probeContext(service);
  const { catalog, deadlineMs } = context;
  const kube = kubeTarget(catalog.systems.kubernetes);
  const kafka = kafkaTarget(catalog.systems.kafka, context.env);
  const selector = service.selector ?? `app=${service.name}`;
  const noKube = "no kubeconfig (set KUBECONFIG or systems.kubernetes.kubeconfig)";
  const end = new Date();
  const start = new Date(end.getTime() - 30 * 60_000);

  const [snapshot, pods, usage, deployment, events, lag, group, tables, helm, metrics] = await Promise.all([
    healthSnapshot(),
    kube ? listPods(kube, service.namespace, selector, deadlineMs) : notConfigured(noKube),
    kube ? topPods(kube, service.namespace, deadlineMs, selector) : notConfigured(noKube),
    kube && service.deployment ? getDeployment(kube, service.namespace, service.deployment, deadlineMs) : notConfigured(kube ? "no deployment named in the catalog" : noKube),
    kube ? listEvents(kube, service.namespace, { limit: 200 }, deadlineMs) : notConfigured(noKube),
    service.kafka ? (kafka.ok ? groupLag(kafka.value, service.kafka.group, service.kafka.topics.length ? service.kafka.topics : undefined, deadlineMs) : Promise.resolve(kafka)) : notConfigured("no consumer group in the catalog"),
    service.kafka ? (kafka.ok ? describeGroup(kafka.value, service.kafka.group, deadlineMs) : Promise.resolve(kafka)) : notConfigured("no consumer group in the catalog"),
    service.clickhouse?.tables.length ? tableStats(context, service.clickhouse.tables) : notConfigured("writes no ClickHouse table in the catalog"),
    kube ? readRelease(kube, catalog.helm.namespace, catalog.helm.release, deadlineMs) : notConfigured(noKube),
    catalog.systems.prometheus.url ? chartSeries(catalog.systems.prometheus.url, service.name, { start, end, stepSeconds: 15 }, deadlineMs) : notConfigured("no Prometheus URL (set PROMETHEUS_URL or systems.prometheus.url)"),
  ]);

  const panel = snapshot.services.find((candidate) => candidate.name === service.name)!;
  // Events about this service's objects: its Deployment, ReplicaSets and pods carry its name.
  const own = (event: EventSummary) => event.object.name === service.deployment || event.object.name.startsWith(`${service.deployment ?? service.name}-`);
  return {
    name: service.name,
    catalog: { namespace: service.namespace, selector, deployment: service.deployment, healthUrl: service.healthUrl, metricsUrl: service.metricsUrl, kafka: service.kafka, clickhouse: service.clickhouse },
    panel,
    pods,
    usage,
    deployment,
    events: events.ok ? { ...events, value: events.value.filter(own).slice(0, 50) } : events,
    lag,
    group,
    tables,
    // Values stay out of the page: they are redacted, but a responder does not need them here.
    helm: helm.ok ? { ...helm, value: { history: helm.value.history, status: viewerHelmStatus(helm.value.status) } } : helm,
    metrics,
    checkedAt: end.toISOString(),
  };
}

export type ViewerHelmStatus = Omit<HelmRelease["status"], "values" | "notes">;

/**
 * What every viewer of the service page may see of a release: not its values, and not its
 * notes (rendered templates, which charts commonly use to print passwords and tokens).
 */
export function viewerHelmStatus(status: HelmRelease["status"]): ViewerHelmStatus {
  const copy: Partial<HelmRelease["status"]> = { ...status };
  delete copy.values;
  delete copy.notes;
  return copy as ViewerHelmStatus;
}

async function chartSeries(base: string, service: string, range: { start: Date; end: Date; stepSeconds: number }, deadlineMs: number): Promise<Part<Record<string, RangeSeries[]>>> {
  const started = performance.now();
  const results = await Promise.all(CHART_TEMPLATES.map((template) => rangeQuery(base, template, { service, label: "job" }, range, deadlineMs)));
  const failed = results.find((result) => !result.ok);
  if (failed && !failed.ok && results.every((result) => !result.ok)) return failed;
  return { ok: true, value: Object.fromEntries(CHART_TEMPLATES.map((template, index) => [template, results[index]!.ok ? results[index]!.value.series : []])), ms: performance.now() - started };
}
