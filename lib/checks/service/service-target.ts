import { z } from "zod";
import type { CatalogService, Thresholds } from "@/lib/config/catalog";
import { scrapeMetrics } from "@/lib/connectors/http/service-endpoints";
import type { ParsedExposition, Sample } from "@/lib/connectors/http/prometheus-text";
import { printable } from "@/lib/connectors/text";
import type { ConnectorError } from "@/lib/connectors/result";
import { serviceFigures, type ServiceFigures } from "@/lib/health/service-figures";
import { connectorFailure } from "../define-check";
import type { CheckContext } from "../types";

/**
 * What the service checks share: the service named by the `service` parameter, looked up in
 * the catalog (never a URL from the user), its thresholds, its scraped `/metrics`, and the
 * `grep` of the runbook's command as a filter over the samples.
 */
export const serviceName = z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, { message: "must be a service name such as normalization-service" }).max(63);

type Failure = { verdict: "error" | "skipped"; summary: string; data: null; error: ConnectorError };

export function findService(context: CheckContext, name: string): { service: CatalogService; thresholds: Thresholds } | Failure {
  const service = context.catalog.services.find((entry) => entry.name === name);
  if (!service) return { verdict: "error", summary: `no such service in the catalog: ${name}`, data: null, error: { kind: "not_found", message: `no such service in the catalog: ${name}` } };
  return { service, thresholds: { ...context.thresholds, ...(service.thresholds ?? {}) } as Thresholds };
}

/**
 * The service's `/metrics` scraped twice, `seconds` apart, and the figures of that window —
 * computed by the same serviceFigures as the overview's panels — so a check judges what
 * happens now, not an average since the process started (which hides a fresh slowdown).
 */
export async function scrapeWindow(context: CheckContext, name: string, seconds = WINDOW_SECONDS): Promise<{ service: CatalogService; thresholds: Thresholds; exposition: ParsedExposition; previous: ParsedExposition; window: ServiceFigures & { seconds: number } } | Failure> {
  const first = await scrapeService(context, name);
  if ("verdict" in first) return first;
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const second = await scrapeService(context, name);
  if ("verdict" in second) return second;
  const elapsed = (Date.now() - started) / 1000;
  return { ...second, previous: first.exposition, window: { ...serviceFigures(second.exposition, first.exposition, elapsed), seconds: elapsed } };
}

/** How long a check watches a service's counters: long enough for a few batches of ticks. */
export const WINDOW_SECONDS = 3;

/** The service's `/metrics`, scraped once within the deadline. */
export async function scrapeService(context: CheckContext, name: string): Promise<{ service: CatalogService; thresholds: Thresholds; exposition: ParsedExposition } | Failure> {
  const found = findService(context, name);
  if ("verdict" in found) return found;
  if (!found.service.metricsUrl) return connectorFailure({ kind: "not_configured", message: `no metrics URL for ${name} (metricsUrl in the catalog)` });
  const result = await scrapeMetrics(found.service.metricsUrl, context.deadlineMs);
  if (!result.ok) return connectorFailure(result.error);
  return { ...found, exposition: result.value };
}

export interface MatchedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** `| grep <word>`: the samples whose name or a label value contains `word` (at most `limit`), printable. */
export function grepSamples(samples: Sample[], word: string, limit = 200): MatchedSample[] {
  return samples
    .filter((sample) => sample.name.includes(word) || Object.values(sample.labels).some((value) => value.includes(word)))
    .slice(0, limit)
    .map((sample) => ({ name: sample.name, labels: Object.fromEntries(Object.entries(sample.labels).map(([key, value]) => [key, printable(value, 120)])), value: sample.value }));
}

/** Sums of a counter by one label, e.g. errors by type: { kafka: 3, clickhouse: 1 }. */
export function byLabel(samples: Sample[], name: string, label: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const sample of samples) {
    if (sample.name !== name) continue;
    const key = printable(sample.labels[label] ?? "", 80) || "(none)";
    totals[key] = (totals[key] ?? 0) + sample.value;
  }
  return totals;
}

export const count = (value: number) => Math.round(value).toLocaleString("en-US");
export const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio < 0.01 ? 2 : 1)}%`;
export const milliseconds = (seconds: number) => `${seconds < 0.01 ? (seconds * 1000).toFixed(1) : Math.round(seconds * 1000)} ms`;
/** A window's length as a summary says it: 3.0 → 3, 3.04 → 3 */
export const roundSeconds = (value: number) => Math.round(value * 10) / 10;
