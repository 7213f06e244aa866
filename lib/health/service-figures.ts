import { SYMPTOMS, type Symptom } from "@/lib/checks/service/judge";
import { bucketDelta, bucketsOf, counterRate, counterTotal, histogramQuantile, type ParsedExposition } from "@/lib/connectors/http/prometheus-text";

/**
 * A service's key figures from its own `/metrics` (what the runbook greps by hand:
 * `curl http://<service>:9090/metrics | grep processed|duration|quality|rate_limit`), computed
 * from TWO successive scrapes so they describe the last few seconds, not the process's life.
 * Pure: the collector scrapes and keeps the previous scrape; this only computes.
 *
 * - With one scrape (the first sweep) every per-second rate is null, and the quantiles and
 *   the error rate are since the process started (`window: "since_start"`).
 * - A counter that went down means the process restarted: the newer value alone is the
 *   window (as Prometheus's rate() does), and `restarted` says so.
 * - A metric the service does not expose is null; a declared counter with no sample yet is 0.
 */
export const SERVICE_METRICS = {
  processed: "messages_processed_total",
  errors: "processing_errors_total",
  duration: "processing_duration_seconds",
  quality: "data_quality_issues_total",
  /** 429s by API key owner (the lab's services; rate_limit_requests_total{outcome="limited"} otherwise) */
  rateLimited: "rate_limit_exceeded_total",
  rateLimitRequests: "rate_limit_requests_total",
  authFailures: "auth_failures_total",
  tlsErrors: "tls_handshake_errors_total",
} as const;

export interface ServiceFigures {
  /** "window": between the two scrapes; "since_start": one scrape, cumulative since the process started */
  window: "window" | "since_start";
  /** seconds between the two scrapes; null with one scrape */
  seconds: number | null;
  /** a counter went down between the scrapes */
  restarted: boolean;
  processedPerSecond: number | null;
  /** errors / processed over the window (since start with one scrape); 1 when nothing was processed but errors were counted */
  errorRate: number | null;
  p50Seconds: number | null;
  p95Seconds: number | null;
  p99Seconds: number | null;
  /** observations of the duration histogram in the window (since start with one scrape) */
  observations: number | null;
  qualityIssuesPerSecond: number | null;
  rateLimitedPerSecond: number | null;
  authFailuresPerSecond: number | null;
  tlsErrorsPerSecond: number | null;
}

/** 429s: rate_limit_exceeded_total, or the limiter's own `outcome="limited"` count. */
export function rateLimitedTotal(exposition: ParsedExposition): number | null {
  return counterTotal(exposition, SERVICE_METRICS.rateLimited) ?? counterTotal(exposition, SERVICE_METRICS.rateLimitRequests, { outcome: "limited" });
}

const COUNTERS = {
  processed: (exposition: ParsedExposition) => counterTotal(exposition, SERVICE_METRICS.processed),
  errors: (exposition: ParsedExposition) => counterTotal(exposition, SERVICE_METRICS.errors),
  quality: (exposition: ParsedExposition) => counterTotal(exposition, SERVICE_METRICS.quality),
  rateLimited: rateLimitedTotal,
  authFailures: (exposition: ParsedExposition) => counterTotal(exposition, SERVICE_METRICS.authFailures),
  tlsErrors: (exposition: ParsedExposition) => counterTotal(exposition, SERVICE_METRICS.tlsErrors),
};

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** errors / processed; null when neither counted anything (or a counter is missing). */
function ratio(errors: number | null, processed: number | null): number | null {
  if (errors === null || processed === null) return null;
  if (processed > 0) return errors / processed;
  return errors > 0 ? 1 : null;
}

/** The increase of a counter between two scrapes (the newer value alone after a restart). */
function increase(previous: number | null, current: number | null): number | null {
  if (current === null) return null;
  if (previous === null) return null;
  return current >= previous ? current - previous : current;
}

/**
 * The figures from `current` alone (first sweep) or from `previous` → `current` taken
 * `seconds` apart. A window of 0 or fewer seconds is treated as one scrape.
 */
export function serviceFigures(current: ParsedExposition, previous?: ParsedExposition | null, seconds?: number | null): ServiceFigures {
  const windowed = previous != null && seconds != null && seconds > 0;
  const totals = Object.fromEntries(Object.entries(COUNTERS).map(([key, read]) => [key, read(current)])) as Record<keyof typeof COUNTERS, number | null>;
  const before = windowed ? (Object.fromEntries(Object.entries(COUNTERS).map(([key, read]) => [key, read(previous)])) as Record<keyof typeof COUNTERS, number | null>) : null;

  const currentBuckets = bucketsOf(current.samples, SERVICE_METRICS.duration);
  const previousBuckets = windowed ? bucketsOf(previous.samples, SERVICE_METRICS.duration) : [];
  const bucketsWentDown = currentBuckets.some((bucket) => bucket.count < (previousBuckets.find((old) => old.le === bucket.le)?.count ?? 0));
  const restarted =
    windowed &&
    (bucketsWentDown || (Object.keys(COUNTERS) as (keyof typeof COUNTERS)[]).some((key) => before![key] !== null && totals[key] !== null && totals[key]! < before![key]!));

  const rate = (key: keyof typeof COUNTERS): number | null => {
    if (!windowed) return null;
    const previousValue = before![key];
    const currentValue = totals[key];
    if (currentValue === null || previousValue === null) return null;
    return counterRate(previousValue, currentValue, seconds);
  };

  const buckets = windowed && previousBuckets.length ? bucketDelta(previousBuckets, currentBuckets) : currentBuckets;
  const observations = buckets.length ? buckets[buckets.length - 1]!.count : null;
  const quantile = (q: number) => (buckets.length ? finite(histogramQuantile(q, buckets)) : null);

  const errorRate = windowed ? ratio(increase(before!.errors, totals.errors), increase(before!.processed, totals.processed)) : ratio(totals.errors, totals.processed);

  return {
    window: windowed ? "window" : "since_start",
    seconds: windowed ? seconds : null,
    restarted,
    processedPerSecond: rate("processed"),
    errorRate,
    p50Seconds: quantile(0.5),
    p95Seconds: quantile(0.95),
    p99Seconds: quantile(0.99),
    observations,
    qualityIssuesPerSecond: rate("quality"),
    rateLimitedPerSecond: rate("rateLimited"),
    authFailuresPerSecond: rate("authFailures"),
    tlsErrorsPerSecond: rate("tlsErrors"),
  };
}

/**
 * A counter's rate over the window split by what its labels tell (the check that failed, the
 * API key owner, the failure reason): `{ "price ≤ 0"-ish label: 4.3 }` per second. `keyOf`
 * names a sample's share (null: not counted, e.g. 429s allowed). A label value absent in the
 * previous scrape started from 0; a counter that went down restarted (the newer value alone).
 */
export function labelRates(current: ParsedExposition, previous: ParsedExposition, seconds: number, metric: string, keyOf: (labels: Record<string, string>) => string | null): Record<string, number> {
  const sums = (exposition: ParsedExposition) => {
    const totals = new Map<string, number>();
    for (const sample of exposition.samples) {
      if (sample.name !== metric) continue;
      const key = keyOf(sample.labels);
      if (key !== null) totals.set(key, (totals.get(key) ?? 0) + sample.value);
    }
    return totals;
  };
  const before = sums(previous);
  const rates: Record<string, number> = {};
  for (const [key, value] of sums(current)) {
    const old = before.get(key) ?? 0;
    const delta = value >= old ? value - old : value;
    if (delta > 0 && seconds > 0) rates[key] = delta / seconds;
  }
  return rates;
}

/**
 * Each symptom's counter, the figure its rate fills, and what a sample's labels tell (the
 * check that failed, whose key, which reason), so the panel and the symptom's check split
 * the same rate the same way.
 */
export const SYMPTOM_COUNTERS: Record<Symptom, { figure: "qualityIssuesPerSecond" | "authFailuresPerSecond" | "rateLimitedPerSecond" | "tlsErrorsPerSecond"; metric: string; keyOf: (labels: Record<string, string>) => string | null }> = {
  quality: { figure: "qualityIssuesPerSecond", metric: SERVICE_METRICS.quality, keyOf: (labels) => labels[SYMPTOMS.quality.label] ?? null },
  authFailures: {
    figure: "authFailuresPerSecond",
    metric: SERVICE_METRICS.authFailures,
    keyOf: (labels) => (labels.owner ? `${labels.reason ?? "rejected"} key: ${labels.owner}` : (labels.reason ?? null)),
  },
  rateLimited: { figure: "rateLimitedPerSecond", metric: SERVICE_METRICS.rateLimited, keyOf: (labels) => labels[SYMPTOMS.rateLimited.label] ?? null },
  tlsErrors: { figure: "tlsErrorsPerSecond", metric: SERVICE_METRICS.tlsErrors, keyOf: (labels) => labels[SYMPTOMS.tlsErrors.label] ?? null },
};

/** A symptom's rate over the window split by its telling label (SYMPTOM_COUNTERS). */
export function symptomRatesBy(symptom: Symptom, current: ParsedExposition, previous: ParsedExposition, seconds: number): Record<string, number> {
  const { metric, keyOf } = SYMPTOM_COUNTERS[symptom];
  return labelRates(current, previous, seconds, metric, keyOf);
}
