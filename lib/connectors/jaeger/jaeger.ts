import { z } from "zod";
import { fetchText } from "../http/fetch-text";
import { counterTotal, sumOf, type ParsedExposition } from "../http/prometheus-text";
import { scrapeMetrics } from "../http/service-endpoints";
import { printable } from "@/lib/connectors/text";
import { failure, type ConnectorResult } from "../result";

/**
 * Jaeger's collector (runbook, Jaeger Issues / Trace Quality Issues):
 * `curl http://jaeger-collector:14268/` (does the collector's HTTP port answer? Its `/` is a
 * 404 by design: any HTTP answer means it listens), the admin port's health (`/` of the port
 * serving /metrics: {"status":"Server available"}, 503 when not), and
 * `curl http://jaeger-collector:9090/metrics | grep traces` (spans received, rejected,
 * dropped, saved; the queue). Metric names are Jaeger v1's (jaeger_collector_*); Jaeger v2's
 * OpenTelemetry collector names (otelcol_*) are read when v1's are absent.
 */
export interface CollectorAnswer {
  httpStatus: number;
}

export async function collectorAnswers(collectorUrl: string | undefined, deadlineMs: number): Promise<ConnectorResult<CollectorAnswer>> {
  if (!collectorUrl) return failure("not_configured", "no Jaeger collector URL (JAEGER_COLLECTOR_URL or systems.jaeger.collectorUrl)");
  const response = await fetchText(collectorUrl, { deadlineMs, maxBytes: 16 * 1024, anyStatus: true });
  return response.ok ? { ok: true, value: { httpStatus: response.value.status }, ms: response.ms } : response;
}

export interface AdminHealth {
  httpStatus: number;
  status: string;
  upSince: string | null;
  uptime: string | null;
}

const adminHealthBody = z.object({ status: z.string(), upSince: z.string().optional(), uptime: z.string().optional() });

/** Pure: Jaeger's health-check answer (pkg/healthcheck: {"status":"Server available","upSince":…,"uptime":…}). */
export function parseAdminHealth(body: unknown, httpStatus: number): AdminHealth | null {
  const parsed = adminHealthBody.safeParse(body);
  if (!parsed.success) return null;
  return { httpStatus, status: printable(parsed.data.status, 80), upSince: parsed.data.upSince ? printable(parsed.data.upSince, 60) : null, uptime: parsed.data.uptime ? printable(parsed.data.uptime, 60) : null };
}

/** The admin port's health: `/` of the port that serves metricsUrl. */
export async function adminHealth(metricsUrl: string | undefined, deadlineMs: number): Promise<ConnectorResult<AdminHealth>> {
  if (!metricsUrl) return failure("not_configured", "no Jaeger metrics URL (JAEGER_METRICS_URL or systems.jaeger.metricsUrl)");
  const url = new URL("/", metricsUrl).toString();
  const response = await fetchText(url, { deadlineMs, maxBytes: 16 * 1024, anyStatus: true });
  if (!response.ok) return response;
  let body: unknown = null;
  try {
    body = JSON.parse(response.value.body);
  } catch {
    body = null;
  }
  const health = parseAdminHealth(body, response.value.status);
  return health ? { ok: true, value: health, ms: response.ms } : failure("bad_response", `not Jaeger's health answer (HTTP ${response.value.status})`, response.ms);
}

export interface TraceMetrics {
  /** which metric names were found: Jaeger v1's or the OpenTelemetry collector's */
  flavour: "jaeger" | "otelcol" | "none";
  spansReceived: number | null;
  spansRejected: number | null;
  spansDropped: number | null;
  spansSaved: number | null;
  spansSaveFailed: number | null;
  /** spans saved by service name (the services that send traces) */
  savedByService: Record<string, number>;
  tracesReceived: number | null;
  tracesRejected: number | null;
  queueLength: number | null;
  queueCapacity: number | null;
}

/** Pure: the trace figures of a collector's /metrics, cumulative since it started. */
export function traceMetrics(exposition: ParsedExposition): TraceMetrics {
  const total = (name: string, match: Record<string, string> = {}) => counterTotal(exposition, name, match);
  const savedByService: Record<string, number> = {};
  if (sumOf(exposition.samples, "jaeger_collector_spans_saved_by_svc_total") !== null || total("jaeger_collector_spans_received_total") !== null) {
    for (const sample of exposition.samples) {
      if (sample.name !== "jaeger_collector_spans_saved_by_svc_total" || sample.labels.result !== "ok" || sample.value === 0) continue;
      const service = printable(sample.labels.svc ?? "?", 80);
      savedByService[service] = (savedByService[service] ?? 0) + sample.value;
    }
    return {
      flavour: "jaeger",
      spansReceived: total("jaeger_collector_spans_received_total"),
      spansRejected: total("jaeger_collector_spans_rejected_total"),
      spansDropped: total("jaeger_collector_spans_dropped_total"),
      spansSaved: total("jaeger_collector_spans_saved_by_svc_total", { result: "ok" }),
      spansSaveFailed: total("jaeger_collector_spans_saved_by_svc_total", { result: "err" }),
      savedByService,
      tracesReceived: total("jaeger_collector_traces_received_total"),
      tracesRejected: total("jaeger_collector_traces_rejected_total"),
      queueLength: sumOf(exposition.samples, "jaeger_collector_queue_length"),
      queueCapacity: sumOf(exposition.samples, "jaeger_collector_queue_capacity"),
    };
  }
  const accepted = total("otelcol_receiver_accepted_spans_total") ?? total("otelcol_receiver_accepted_spans");
  if (accepted !== null) {
    return {
      flavour: "otelcol",
      spansReceived: accepted,
      spansRejected: total("otelcol_receiver_refused_spans_total") ?? total("otelcol_receiver_refused_spans"),
      spansDropped: total("otelcol_processor_dropped_spans_total") ?? total("otelcol_processor_dropped_spans"),
      spansSaved: total("otelcol_exporter_sent_spans_total") ?? total("otelcol_exporter_sent_spans"),
      spansSaveFailed: total("otelcol_exporter_send_failed_spans_total") ?? total("otelcol_exporter_send_failed_spans"),
      savedByService,
      tracesReceived: null,
      tracesRejected: null,
      queueLength: sumOf(exposition.samples, "otelcol_exporter_queue_size"),
      queueCapacity: sumOf(exposition.samples, "otelcol_exporter_queue_capacity"),
    };
  }
  return { flavour: "none", spansReceived: null, spansRejected: null, spansDropped: null, spansSaved: null, spansSaveFailed: null, savedByService, tracesReceived: null, tracesRejected: null, queueLength: null, queueCapacity: null };
}

/** `curl http://jaeger-collector:9090/metrics` scraped and read. */
export async function scrapeCollector(metricsUrl: string | undefined, deadlineMs: number): Promise<ConnectorResult<{ metrics: TraceMetrics; exposition: ParsedExposition }>> {
  if (!metricsUrl) return failure("not_configured", "no Jaeger metrics URL (JAEGER_METRICS_URL or systems.jaeger.metricsUrl)");
  const scraped = await scrapeMetrics(metricsUrl, deadlineMs);
  if (!scraped.ok) return scraped;
  return { ok: true, value: { metrics: traceMetrics(scraped.value), exposition: scraped.value }, ms: scraped.ms };
}

