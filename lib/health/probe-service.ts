import "server-only";
import { runCheck } from "@/lib/checks/define-check";
import type { Symptom } from "@/lib/checks/service/judge";
import { tracingEnv, tracingFinding } from "@/lib/checks/kubernetes/tracing-env";
import { certificate, certificateFinding } from "@/lib/checks/tls/certificate";
import type { CheckContext } from "@/lib/checks/types";
import type { CatalogService } from "@/lib/config/catalog";
import { probeHealth, scrapeMetrics } from "@/lib/connectors/http/service-endpoints";
import { sumOf, type ParsedExposition } from "@/lib/connectors/http/prometheus-text";
import { kubeTarget } from "@/lib/connectors/kubernetes/kube-client";
import { listPods, type PodSummary } from "@/lib/connectors/kubernetes/pods";
import type { ConnectorResult } from "@/lib/connectors/result";
import { evaluateService, type ServiceInputs } from "./evaluate-service";
import { serviceFigures, SYMPTOM_COUNTERS, symptomRatesBy, type ServiceFigures } from "./service-figures";
import { SlowSignal } from "./slow-signal";
import { consumerLag } from "./systems/kafka";
import { Trend } from "./trend";
import type { Finding, SystemHealth } from "./types";

/**
 * One service's panel: what the runbook's "Check Service Status" and "Data Not Processing"
 * commands would show, gathered at once, each call with the probe deadline, plus every
 * symptom the runbook names that the service's own figures show (evaluate-service.ts judges).
 * Rates, windowed quantiles and trends need earlier scrapes, so a prober keeps them between
 * sweeps; the certificate (once a minute, sooner when TLS errors appear) and the pod spec's
 * tracing variables (every 10 s) are slow signals.
 */
export function serviceProber(service: CatalogService, context: () => CheckContext): () => Promise<SystemHealth> {
  // Recent scrapes, so rates are taken over a window of at least MIN_WINDOW_MS however often
  // the panel is probed (ticks arrive in batches: a 50 ms window would often say 0/s).
  const scrapes: { at: number; scrape: ParsedExposition }[] = [];
  const lagTrend = new Trend();
  const memoryTrend = new Trend();
  let certificateFindings: Finding[] = [];
  const certificateSignal = service.tls ? new SlowSignal(() => runCheck(certificate, context(), { service: service.name }), { everyMs: 60_000, soonestMs: 5_000 }) : null;
  // The pod spec's tracing variables change only with a rollout: read every 5 s (one API call).
  const deployment = service.deployment;
  const tracingSignal = deployment ? new SlowSignal(() => runCheck(tracingEnv, context(), { deployment, namespace: service.namespace }), { everyMs: 5_000, soonestMs: 5_000 }) : null;

  return async () => {
    const ctx = context();
    const target = kubeTarget(ctx.catalog.systems.kubernetes);
    const selector = service.selector ?? `app=${service.name}`;
    const [pods, health, metrics, lag] = await Promise.all([
      target ? listPods(target, service.namespace, selector, ctx.deadlineMs) : null,
      service.healthUrl ? probeHealth(service.healthUrl, ctx.deadlineMs) : null,
      service.metricsUrl ? scrapeMetrics(service.metricsUrl, ctx.deadlineMs) : null,
      service.kafka ? consumerLag(ctx, service.kafka.group, service.kafka.topics) : (null as ConnectorResult<number> | null),
    ]);
    const at = Date.now();
    let figures: SystemHealth["figures"] = {};
    let computed: ServiceFigures | null = null;
    let symptoms: ServiceInputs["symptoms"];
    let memory: ServiceInputs["memory"] = null;
    if (metrics?.ok) {
      // Under a second apart, a rate says more about batching than about the service: unknown until then.
      const previous = [...scrapes].reverse().find((entry) => at - entry.at >= MIN_WINDOW_MS) ?? scrapes.find((entry) => at - entry.at >= 1_000);
      const seconds = previous ? (at - previous.at) / 1000 : null;
      computed = serviceFigures(metrics.value, previous?.scrape, seconds);
      figures = Object.fromEntries(PANEL_FIGURES.map((key) => [key, computed![key]]));
      if (previous && seconds) symptoms = symptomRates(computed, metrics.value, previous.scrape, seconds);
      if (computed.restarted) memoryTrend.reset();
      memory = memoryOf(metrics.value, pods?.ok ? pods.value : [], memoryTrend, at);
      scrapes.push({ at, scrape: metrics.value });
      while (scrapes.length > 1 && at - scrapes[1]!.at >= MIN_WINDOW_MS) scrapes.shift();
    }
    if (lag?.ok) {
      figures.consumerLag = lag.value;
      lagTrend.add(at, lag.value);
    }
    // The certificate is read once a minute, and again soon when handshakes start failing.
    // …and again soon while it is a finding, so a renewed certificate clears within seconds too.
    const certificateSuspect = (num(figures.tlsErrorsPerSecond) ?? 0) > 0 || certificateFindings.length > 0;
    const [certificateResult, tracingResult] = await Promise.all([certificateSignal?.read({ soon: certificateSuspect }), tracingSignal?.read()]);
    certificateFindings = certificateResult ? certificateFinding(certificateResult) : [];
    const findings: Finding[] = [...certificateFindings, ...(tracingResult ? tracingFinding(tracingResult) : [])];

    const evaluated = evaluateService(
      {
        pods,
        health: health ? (health.ok ? { ...health, value: { httpStatus: health.value.httpStatus } } : health) : null,
        figures: {
          processedPerSecond: num(figures.processedPerSecond),
          errorRate: num(figures.errorRate),
          p99Seconds: num(figures.p99Seconds),
          consumerLag: num(figures.consumerLag),
        },
        lag: service.kafka ? { group: service.kafka.group, growthPerSecond: lagTrend.slopePerSecond() } : undefined,
        symptoms,
        memory,
        findings,
      },
      ctx.thresholds,
    );
    const reasons = [...evaluated.reasons];
    if (metrics && !metrics.ok) reasons.push(`/metrics ${metrics.error.kind.replace("_", " ")}: ${metrics.error.message}`);
    if (lag && !lag.ok && lag.error.kind !== "not_configured") reasons.push(`consumer lag ${lag.error.kind.replace("_", " ")}: ${lag.error.message}`);
    if (pods?.ok) {
      figures.pods = pods.value.length;
      figures.podsReady = pods.value.filter((pod: PodSummary) => pod.ready.total > 0 && pod.ready.ready === pod.ready.total).length;
      figures.restarts = pods.value.reduce((sum: number, pod: PodSummary) => sum + pod.restarts, 0);
    }
    if (memory) figures.memoryOfLimit = memory.usedBytes / memory.limitBytes;
    return { status: evaluated.status, reasons, figures, findings: evaluated.findings };
  };
}

const MIN_WINDOW_MS = 5_000;

/** The figures a service panel shows (rates over the last sweep's window; quantiles since start on the first). */
const PANEL_FIGURES = ["processedPerSecond", "errorRate", "p50Seconds", "p95Seconds", "p99Seconds", "qualityIssuesPerSecond", "rateLimitedPerSecond", "authFailuresPerSecond", "tlsErrorsPerSecond"] as const;

function symptomRates(computed: ServiceFigures, current: ParsedExposition, previous: ParsedExposition, seconds: number): ServiceInputs["symptoms"] {
  const symptoms: NonNullable<ServiceInputs["symptoms"]> = {};
  for (const symptom of Object.keys(SYMPTOM_COUNTERS) as Symptom[]) {
    const rate = computed[SYMPTOM_COUNTERS[symptom].figure];
    if (typeof rate === "number") symptoms[symptom] = { rate, by: symptomRatesBy(symptom, current, previous, seconds) };
  }
  return symptoms;
}

/** The process's resident memory (its own /metrics) against its container's limit (the pod spec), with the trend. */
function memoryOf(exposition: ParsedExposition, pods: PodSummary[], trend: Trend, at: number): ServiceInputs["memory"] {
  const usedBytes = sumOf(exposition.samples, "process_resident_memory_bytes");
  const limitBytes = Math.max(0, ...pods.map((pod) => pod.memoryLimitBytes ?? 0));
  if (usedBytes === null || limitBytes === 0) return null;
  trend.add(at, usedBytes);
  return { usedBytes, limitBytes, risePerSecond: trend.slopePerSecond() };
}

const num = (value: number | string | null | undefined) => (typeof value === "number" && Number.isFinite(value) ? value : null);
