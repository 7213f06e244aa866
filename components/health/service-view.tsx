"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ServiceDetail } from "@/lib/health/service-detail";
import { Banner } from "@/components/ui/banner";
import { LocalTime } from "@/components/ui/local-time";
import { Cell, Row, Table } from "@/components/ui/table";
import { CaptureForm, type OpenIncident } from "./capture-form";
import { formatAge, formatFigure } from "./figures";
import { HealthPanel } from "./health-panel";
import { LogViewer } from "./log-viewer";
import { Part } from "./part";
import { StatusBadge } from "./status-badge";
import { TimeSeriesChart } from "./time-series-chart";
import { useNow } from "./use-now";

async function fetchDetail(name: string): Promise<ServiceDetail> {
  const response = await fetch(`/api/v1/services/${name}`, { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `the console answered HTTP ${response.status}`);
  }
  return response.json();
}

const CHARTS: { template: string; title: string }[] = [
  { template: "processedPerSecond", title: "Processed per second" },
  { template: "errorRate", title: "Error rate" },
  { template: "p95Seconds", title: "p95 processing time" },
  { template: "p99Seconds", title: "p99 processing time" },
];

const MiB = (bytes: number | null) => (bytes === null ? "–" : `${Math.round(bytes / 1024 / 1024)} Mi`);
const age = (iso: string | null, now: number) => (iso ? formatAge(now - Date.parse(iso)).replace(" ago", "") : "–");

/**
 * A service in depth: what its panel says, the last 30 minutes, its pods (with usage against
 * limits), logs, consumer lag per partition, the tables it writes, events and Helm history.
 * Refreshed every 5 seconds while open; each part shows its own error.
 */
export function ServiceView({ initial, incidents, procedureTitles }: { initial: ServiceDetail; incidents: OpenIncident[] | null; procedureTitles?: Record<string, string> }) {
  const query = useQuery({ queryKey: ["service", initial.name], queryFn: () => fetchDetail(initial.name), initialData: initial, refetchInterval: 5_000, retry: false });
  const now = useNow();
  const detail = query.data;
  const [showEvents, setShowEvents] = useState(12);
  const usage = new Map((detail.usage.ok ? detail.usage.value : []).map((pod) => [pod.name, pod]));
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <div className="flex items-center gap-3">
            <h1 className="text-2xl font-semibold">{detail.name}</h1>
            <StatusBadge status={detail.panel.status} />
          </div>
          <p className="text-sm text-fg-muted">
            namespace <code className="font-mono">{detail.catalog.namespace}</code> · pods <code className="font-mono">{detail.catalog.selector}</code>
            {detail.catalog.kafka ? (
              <>
                {" "}· consumer group <code className="font-mono">{detail.catalog.kafka.group}</code>
              </>
            ) : null}
          </p>
        </div>
        {incidents ? <CaptureForm name={detail.name} incidents={incidents} /> : null}
      </header>
      {query.isError ? (
        <Banner tone="warn" title="Could not refresh this page">
          {query.error.message}. What you see is from {formatAge(now - query.dataUpdatedAt)}.
        </Banner>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-[minmax(0,22rem)_1fr]">
        <HealthPanel panel={detail.panel} now={now} procedureTitles={procedureTitles} />
        {detail.metrics.ok || Object.keys(detail.panel.history).length === 0 ? (
          <Part title="Last 30 minutes (Prometheus)" part={detail.metrics}>
            {(series) => (
              <div className="grid gap-3 sm:grid-cols-2">
                {CHARTS.map(({ template, title }) => (
                  <TimeSeriesChart
                    key={template}
                    title={title}
                    series={(series[template] ?? []).map((line) => ({ label: line.metric.job ?? template, points: line.points.map(([t, value]) => [t * 1000, value] as [number, number]).filter(([, value]) => Number.isFinite(value)) }))}
                    format={(value) => formatFigure(template, value).text}
                  />
                ))}
              </div>
            )}
          </Part>
        ) : (
          // Without Prometheus, the console's own probes since someone started watching.
          <section aria-label="Recent figures" className="rounded-lg border border-border bg-surface-raised p-4">
            <h2 className="mb-1 text-base font-semibold">Recent figures (the console&apos;s own probes)</h2>
            <p className="mb-3 text-xs text-fg-muted">
              Prometheus: {detail.metrics.error.kind.replace("_", " ")} ({detail.metrics.error.message}).
            </p>
            <div className="grid gap-3 sm:grid-cols-2">
              {CHARTS.map(({ template, title }) => (
                <TimeSeriesChart key={template} title={title} series={[{ label: detail.name, points: detail.panel.history[template] ?? [] }]} format={(value) => formatFigure(template, value).text} />
              ))}
            </div>
          </section>
        )}
      </div>

      <Part title="Pods" part={detail.pods}>
        {(pods) =>
          pods.length ? (
            <div className="overflow-x-auto">
              <Table head={["Pod", "Phase", "Ready", "Restarts", "Waiting", "Last termination", "Node", "Age", "Memory / limit", "CPU"]}>
                {pods.map((pod) => {
                  const use = usage.get(pod.name);
                  const ofLimit = use?.memoryOfLimit ?? null;
                  return (
                    <Row key={pod.name}>
                      <Cell className="font-mono text-xs">{pod.name}</Cell>
                      <Cell>{pod.phase}</Cell>
                      <Cell className={pod.ready.ready < pod.ready.total ? "text-fail" : undefined}>
                        {pod.ready.ready}/{pod.ready.total}
                      </Cell>
                      <Cell className={pod.restarts ? "text-warn" : undefined}>{pod.restarts}</Cell>
                      <Cell className={pod.waitingReason ? "font-semibold text-fail" : undefined}>{pod.waitingReason ?? "–"}</Cell>
                      <Cell className="text-xs">{pod.lastTermination ? `${pod.lastTermination.reason ?? "?"} (exit ${pod.lastTermination.exitCode ?? "?"})` : "–"}</Cell>
                      <Cell className="text-xs">{pod.node ?? "–"}</Cell>
                      <Cell>
                        {/* server and browser clocks differ by the time to hydrate: the browser's wins */}
                        <span suppressHydrationWarning>{age(pod.createdAt, now)}</span>
                      </Cell>
                      <Cell className={ofLimit !== null && ofLimit >= 0.85 ? "text-warn" : undefined}>
                        {use ? `${MiB(use.memoryBytes)} / ${MiB(use.memoryLimitBytes)}${ofLimit !== null ? ` (${Math.round(ofLimit * 100)}%)` : ""}` : "–"}
                      </Cell>
                      <Cell>{use ? `${Math.round(use.cpuMillicores)}m` : "–"}</Cell>
                    </Row>
                  );
                })}
              </Table>
            </div>
          ) : (
            <p className="text-sm text-fail">No pods match {detail.catalog.selector}.</p>
          )
        }
      </Part>

      <section aria-label="Logs" className="rounded-lg border border-border bg-surface-raised p-4">
        <h2 className="mb-3 text-base font-semibold">Logs</h2>
        <LogViewer service={detail.name} />
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <Part title={`Consumer lag${detail.catalog.kafka ? ` (${detail.catalog.kafka.group})` : ""}`} part={detail.lag} action={detail.group.ok ? <span className="text-xs text-fg-muted">{detail.group.value.state} · {detail.group.value.members.length} members</span> : null}>
          {(lag) => (
            <Table head={["Topic", "Partition", "Committed", "End", "Lag"]}>
              {lag.topics.flatMap((topic) =>
                topic.partitions.map((partition) => (
                  <Row key={`${topic.topic}-${partition.partition}`}>
                    <Cell className="font-mono text-xs">{topic.topic}</Cell>
                    <Cell>{partition.partition}</Cell>
                    <Cell className="font-mono">{partition.committed ?? "none"}</Cell>
                    <Cell className="font-mono">{partition.end}</Cell>
                    <Cell className="font-mono font-semibold">{partition.lag.toLocaleString("en-US")}</Cell>
                  </Row>
                )),
              )}
            </Table>
          )}
        </Part>
        <Part title="ClickHouse tables" part={detail.tables}>
          {(tables) => (
            <Table head={["Table", "Rows", "Size", "Parts", "Last insert (server time)"]}>
              {tables.map((table) => (
                <Row key={`${table.database}.${table.name}`}>
                  <Cell className="font-mono text-xs">{table.database}.{table.name}</Cell>
                  <Cell className="font-mono">{table.exists ? table.rows.toLocaleString("en-US") : "missing"}</Cell>
                  <Cell>{formatFigure("sizeBytes", table.bytes).text}</Cell>
                  <Cell>{table.parts}</Cell>
                  <Cell className="text-xs">{table.lastInsertAt ?? "–"}</Cell>
                </Row>
              ))}
            </Table>
          )}
        </Part>
      </div>

      <Part title="Events (newest first)" part={detail.events}>
        {(events) =>
          events.length ? (
            <div className="overflow-x-auto">
              <Table head={["Last seen", "Type", "Reason", "Object", "Message", "Count"]}>
                {events.slice(0, showEvents).map((event, index) => (
                  <Row key={index}>
                    <Cell className="whitespace-nowrap text-xs">{event.lastSeen ? <LocalTime iso={event.lastSeen} /> : "–"}</Cell>
                    <Cell className={event.type === "Warning" ? "text-warn" : undefined}>{event.type}</Cell>
                    <Cell>{event.reason}</Cell>
                    <Cell className="font-mono text-xs">{event.object.kind}/{event.object.name}</Cell>
                    <Cell className="text-xs">{event.message}</Cell>
                    <Cell>{event.count}</Cell>
                  </Row>
                ))}
              </Table>
              {events.length > showEvents ? (
                <button type="button" className="mt-2 text-sm text-accent hover:underline" onClick={() => setShowEvents(events.length)}>
                  Show all {events.length} events
                </button>
              ) : null}
            </div>
          ) : (
            <p className="text-sm text-fg-muted">No events about {detail.name}.</p>
          )
        }
      </Part>

      <div className="grid gap-4 lg:grid-cols-2">
        <Part title="Helm release" part={detail.helm}>
          {(helm) => (
            <div className="space-y-3">
              <p className="text-sm">
                <span className="font-mono">{helm.status.name}</span> revision {helm.status.revision}: <strong className={helm.status.status === "deployed" ? "text-ok" : "text-fail"}>{helm.status.status}</strong> · {helm.status.chart} · app {helm.status.appVersion ?? "–"}
              </p>
              <div className="overflow-x-auto">
                <Table head={["Rev.", "Updated", "Status", "Chart · app", "Description"]}>
                  {[...helm.history].reverse().slice(0, 10).map((revision) => (
                    <Row key={revision.revision}>
                      <Cell>{revision.revision}</Cell>
                      <Cell className="text-xs">{revision.updated ? <LocalTime iso={revision.updated} /> : "–"}</Cell>
                      <Cell className={revision.status === "failed" ? "font-semibold text-fail" : undefined}>{revision.status}</Cell>
                      <Cell className="whitespace-nowrap font-mono text-xs">
                        {revision.chartVersion ?? revision.chart} · {revision.appVersion ?? "–"}
                      </Cell>
                      <Cell className="text-xs">{revision.description}</Cell>
                    </Row>
                  ))}
                </Table>
              </div>
            </div>
          )}
        </Part>
        <Part title="Deployment" part={detail.deployment}>
          {(deployment) => (
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <dt className="text-fg-muted">replicas (desired / ready / up to date / available)</dt>
              <dd className="font-mono">
                {deployment.replicas.desired} / {deployment.replicas.ready} / {deployment.replicas.updated} / {deployment.replicas.available}
              </dd>
              <dt className="text-fg-muted">images</dt>
              <dd className="font-mono text-xs break-all">{deployment.images.join(", ")}</dd>
            </dl>
          )}
        </Part>
      </div>
    </div>
  );
}
