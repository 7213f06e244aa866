import { z } from "zod";
import { apiUrl } from "../http/api-url";
import { fetchJson } from "../http/fetch-json";
import { printable } from "@/lib/connectors/text";
import { failure, type ConnectorResult } from "../result";
import { buildPromql, type PromqlParams, type PromqlTemplate } from "./promql";

/**
 * Prometheus's HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/):
 * `curl http://prometheus:9090/api/v1/targets` and `…/api/v1/query?query=up`, plus range
 * queries for sparklines. Queries come only from the templates in promql.ts. Every answer is
 * validated with zod; labels and errors from Prometheus are made printable and bounded.
 */
export interface ScrapeTarget {
  job: string;
  instance: string;
  health: "up" | "down" | "unknown";
  lastError: string;
  lastScrape: string | null;
  lastScrapeSeconds: number | null;
  scrapeUrl: string;
}

export interface VectorSample {
  metric: Record<string, string>;
  value: number;
  /** seconds since the epoch, as Prometheus gives it */
  timestamp: number;
}

export interface RangeSeries {
  metric: Record<string, string>;
  /** [seconds since the epoch, value] */
  points: [number, number][];
}

const MAX_SERIES = 500;
const MAX_POINTS = 11_000; // Prometheus refuses more points per series than this

const envelope = z.object({ status: z.enum(["success", "error"]), data: z.unknown().optional(), errorType: z.string().optional(), error: z.string().optional() });
const targetsData = z.object({
  activeTargets: z.array(
    z.object({
      labels: z.record(z.string(), z.string()).default({}),
      scrapePool: z.string().optional(),
      scrapeUrl: z.string().default(""),
      lastError: z.string().default(""),
      lastScrape: z.string().optional(),
      lastScrapeDuration: z.number().optional(),
      health: z.string(),
    }),
  ),
});
const sampleValue = z.tuple([z.number(), z.string()]);
const vectorData = z.object({ resultType: z.literal("vector"), result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: sampleValue })) });
const scalarData = z.object({ resultType: z.literal("scalar"), result: sampleValue });
const matrixData = z.object({ resultType: z.literal("matrix"), result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(sampleValue) })) });

function labelsOf(metric: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metric).slice(0, 30).map(([key, value]) => [printable(key, 100), printable(value, 200)]));
}

function number(text: string): number {
  if (text === "+Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** The `data` of a Prometheus API answer, or bad_response with Prometheus's own error. */
export function unwrapPrometheus(body: unknown): { ok: true; data: unknown } | { ok: false; message: string } {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return { ok: false, message: "not a Prometheus API answer" };
  if (parsed.data.status === "error") return { ok: false, message: printable(`${parsed.data.errorType ?? "error"}: ${parsed.data.error ?? ""}`, 300) };
  return { ok: true, data: parsed.data.data };
}

/** Pure: the targets of a `/api/v1/targets` answer. */
export function parseTargets(body: unknown): ScrapeTarget[] | null {
  const unwrapped = unwrapPrometheus(body);
  if (!unwrapped.ok) return null;
  const parsed = targetsData.safeParse(unwrapped.data);
  if (!parsed.success) return null;
  return parsed.data.activeTargets.slice(0, MAX_SERIES).map((target) => ({
    job: printable(target.labels.job ?? target.scrapePool ?? "?", 100),
    instance: printable(target.labels.instance ?? "?", 200),
    health: target.health === "up" || target.health === "down" ? target.health : "unknown",
    lastError: printable(target.lastError, 300),
    lastScrape: target.lastScrape && !target.lastScrape.startsWith("0001-") ? printable(target.lastScrape, 40) : null,
    lastScrapeSeconds: target.lastScrapeDuration ?? null,
    scrapeUrl: printable(target.scrapeUrl, 300),
  }));
}

/** Pure: the samples of an instant query's answer (a scalar is one sample without labels). */
export function parseVector(body: unknown): VectorSample[] | null {
  const unwrapped = unwrapPrometheus(body);
  if (!unwrapped.ok) return null;
  const scalar = scalarData.safeParse(unwrapped.data);
  if (scalar.success) return [{ metric: {}, value: number(scalar.data.result[1]), timestamp: scalar.data.result[0] }];
  const vector = vectorData.safeParse(unwrapped.data);
  if (!vector.success) return null;
  return vector.data.result.slice(0, MAX_SERIES).map((sample) => ({ metric: labelsOf(sample.metric), value: number(sample.value[1]), timestamp: sample.value[0] }));
}

/** Pure: the series of a range query's answer. */
export function parseMatrix(body: unknown): RangeSeries[] | null {
  const unwrapped = unwrapPrometheus(body);
  if (!unwrapped.ok) return null;
  const matrix = matrixData.safeParse(unwrapped.data);
  if (!matrix.success) return null;
  return matrix.data.result.slice(0, MAX_SERIES).map((series) => ({ metric: labelsOf(series.metric), points: series.values.slice(0, MAX_POINTS).map(([time, value]) => [time, number(value)] as [number, number]) }));
}

async function getApi<T>(base: string | undefined, path: string, query: Record<string, string>, deadlineMs: number, parse: (body: unknown) => T | null): Promise<ConnectorResult<T>> {
  if (!base) return failure("not_configured", "no Prometheus URL (set PROMETHEUS_URL or systems.prometheus.url)");
  const response = await fetchJson(apiUrl(base, path, query), { deadlineMs, maxBytes: 8 * 1024 * 1024 });
  if (!response.ok) return response;
  const value = parse(response.value);
  if (value === null) {
    const unwrapped = unwrapPrometheus(response.value);
    return failure("bad_response", unwrapped.ok ? `unexpected answer from ${path}` : unwrapped.message, response.ms);
  }
  return { ok: true, value, ms: response.ms };
}

/** `curl http://prometheus:9090/api/v1/targets` */
export function listTargets(base: string | undefined, deadlineMs: number): Promise<ConnectorResult<ScrapeTarget[]>> {
  return getApi(base, "api/v1/targets", { state: "active" }, deadlineMs, parseTargets);
}

/** An instant query from a template: `curl http://prometheus:9090/api/v1/query?query=up` for template "up". */
export async function instantQuery(base: string | undefined, template: PromqlTemplate, params: PromqlParams, deadlineMs: number): Promise<ConnectorResult<{ query: string; samples: VectorSample[] }>> {
  const built = buildPromql(template, params);
  if (!built.ok) return failure("bad_response", `bad query parameters: ${built.message}`);
  const result = await getApi(base, "api/v1/query", { query: built.query }, deadlineMs, parseVector);
  return result.ok ? { ok: true, value: { query: built.query, samples: result.value }, ms: result.ms } : result;
}

export interface Range {
  start: Date;
  end: Date;
  stepSeconds: number;
}

/** A range query from a template (sparklines): at most 11,000 points, a step of 1 s to 1 h. */
export async function rangeQuery(base: string | undefined, template: PromqlTemplate, params: PromqlParams, range: Range, deadlineMs: number): Promise<ConnectorResult<{ query: string; series: RangeSeries[] }>> {
  const built = buildPromql(template, params);
  if (!built.ok) return failure("bad_response", `bad query parameters: ${built.message}`);
  const start = range.start.getTime() / 1000;
  const end = range.end.getTime() / 1000;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return failure("bad_response", "bad range: end before start");
  if (!Number.isInteger(range.stepSeconds) || range.stepSeconds < 1 || range.stepSeconds > 3600) return failure("bad_response", "bad range: step must be 1 to 3600 seconds");
  if ((end - start) / range.stepSeconds > MAX_POINTS) return failure("bad_response", `bad range: more than ${MAX_POINTS} points`);
  const result = await getApi(base, "api/v1/query_range", { query: built.query, start: String(start), end: String(end), step: String(range.stepSeconds) }, deadlineMs, parseMatrix);
  return result.ok ? { ok: true, value: { query: built.query, series: result.value }, ms: result.ms } : result;
}
