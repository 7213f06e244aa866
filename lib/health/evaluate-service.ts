import { judgeErrorRate, judgeLag, judgeMemory, judgeP99, judgeProcessed, judgeSymptomRate, SYMPTOMS, type Judged, type Symptom } from "@/lib/checks/service/judge";
import { thresholdsSchema, type Thresholds } from "@/lib/config/catalog";
import type { ConnectorResult } from "@/lib/connectors/result";
import type { PodSummary } from "@/lib/connectors/kubernetes/pods";
import type { Finding } from "./types";

/**
 * A service's status in one look, from what the runbook checks first — its pods (`kubectl
 * get pods -l app=…`), its `/health` — and every symptom of the runbook the console can see
 * without a responder asking: lag and its trend, rates of errors, data-quality issues, 401s,
 * 429s and TLS failures, p99, memory against the limit and its trend, plus findings of slower
 * signals (the certificate). Pure: the prober gathers the inputs, this decides.
 *
 * Statuses mean one thing everywhere (the overview's legend and docs/catalog.md say so):
 * - `down`: the service does not serve — no pod ready, or its /health does not answer;
 * - `degraded`: it serves, with a symptom (a finding) — a stuck rollout whose new pod cannot
 *   pull its image while the old pod serves is degraded, not down;
 * - `unknown`: the console cannot tell (the cluster does not answer);
 * - `not_configured`: nothing to ask.
 * Each symptom is judged by the same function its check uses (lib/checks/service/judge.ts).
 */
export type HealthStatus = "ok" | "degraded" | "down" | "unknown" | "not_configured";

/** The catalog's defaults (console.config.yaml may change them, per service too). */
export const DEFAULT_THRESHOLDS: Thresholds = thresholdsSchema.parse({});

export interface ServiceInputs {
  pods: ConnectorResult<PodSummary[]> | null;
  health: ConnectorResult<{ httpStatus: number }> | null;
  figures: { processedPerSecond?: number | null; errorRate?: number | null; p99Seconds?: number | null; consumerLag?: number | null };
  /** consumer group and its lag trend (messages per second; null until known) */
  lag?: { group: string; growthPerSecond: number | null };
  /** symptom rates over the scrape window, split by the counter's telling label */
  symptoms?: Partial<Record<Symptom, { rate: number; by: Record<string, number> }>>;
  /** resident memory of the service's process against its container's limit */
  memory?: { usedBytes: number; limitBytes: number; risePerSecond: number | null } | null;
  /** findings of slower signals, judged by their checks (the TLS certificate) */
  findings?: Finding[];
}

export interface ServiceHealth {
  status: HealthStatus;
  reasons: string[];
  findings: Finding[];
}

const SEVERITY: Record<HealthStatus, number> = { not_configured: 0, ok: 1, unknown: 2, degraded: 3, down: 4 };

/** Which runbook procedure diagnoses a waiting or terminated container. */
const CONTAINER_PROCEDURE: Record<string, string> = {
  ErrImagePull: "image-pull-failures",
  ImagePullBackOff: "image-pull-failures",
  InvalidImageName: "image-pull-failures",
  OOMKilled: "high-memory-usage",
};

const SYMPTOM_PROCEDURE: Record<Symptom, string> = {
  quality: "data-quality-issues",
  authFailures: "authentication-failures",
  rateLimited: "rate-limiting-issues",
  tlsErrors: "authentication-failures",
};

export function evaluateService(inputs: ServiceInputs, thresholds: Thresholds = DEFAULT_THRESHOLDS): ServiceHealth {
  if (!inputs.pods && !inputs.health) return { status: "not_configured", reasons: ["no Kubernetes or health endpoint configured"], findings: [] };
  let status: HealthStatus = "ok";
  const reasons: string[] = [];
  const findings: Finding[] = [];
  const raise = (to: HealthStatus) => {
    if (SEVERITY[to] > SEVERITY[status]) status = to;
  };
  const find = (signal: string, judged: Judged, procedure: string | null, notServing = false) => {
    if (judged.verdict === "ok") return;
    findings.push({ signal, verdict: judged.verdict, reason: judged.reason, procedure });
    reasons.push(judged.reason);
    raise(notServing ? "down" : "degraded");
  };

  let serving = true;
  if (inputs.pods) {
    if (!inputs.pods.ok) {
      reasons.push(`pods ${inputs.pods.error.kind.replace("_", " ")}: ${inputs.pods.error.message}`);
      raise("unknown");
    } else {
      const pods = inputs.pods.value;
      const ready = pods.filter((pod) => pod.ready.total > 0 && pod.ready.ready === pod.ready.total).length;
      const restarts = pods.reduce((sum, pod) => sum + pod.restarts, 0);
      const waiting = [...new Set(pods.map((pod) => pod.waitingReason).filter((reason): reason is string => Boolean(reason)))];
      const terminations = [...new Set(pods.map((pod) => pod.lastTermination?.reason).filter((reason): reason is string => Boolean(reason)))];
      serving = ready > 0;
      if (pods.length === 0) find("pods.ready", { verdict: "fail", reason: "no pods" }, "service-not-starting", true);
      else if (ready === 0) find("pods.ready", { verdict: "fail", reason: `0/${pods.length} pods ready` }, "service-not-starting", true);
      else if (ready < pods.length) find("pods.ready", { verdict: "warn", reason: `${ready}/${pods.length} pods ready` }, CONTAINER_PROCEDURE[waiting[0] ?? ""] ?? "service-not-starting");
      for (const reason of waiting) {
        if (reason === "ContainerCreating") continue;
        // A pod that cannot start while another serves is a stuck rollout: a symptom, not an outage.
        find("pods.waiting", { verdict: serving ? "warn" : "fail", reason }, CONTAINER_PROCEDURE[reason] ?? "service-not-starting", !serving);
      }
      if (restarts >= thresholds.restartsWarn) {
        const procedure = terminations.map((reason) => CONTAINER_PROCEDURE[reason]).find(Boolean) ?? "service-not-starting";
        find("pods.restarts", { verdict: "warn", reason: `${restarts} restarts${terminations.length ? ` (last: ${terminations.join(", ")})` : ""}` }, procedure, !serving);
      }
    }
  }

  if (inputs.health && !inputs.health.ok) {
    const notAnswering = inputs.health.error.kind === "timeout" || inputs.health.error.kind === "unreachable";
    find("service.health", { verdict: notAnswering ? "fail" : "warn", reason: `/health ${inputs.health.error.kind.replace("_", " ")}: ${inputs.health.error.message}` }, "service-not-starting", notAnswering);
  }

  const { figures } = inputs;
  if (figures.errorRate != null) find("service.error-rate", judgeErrorRate(figures.errorRate, thresholds), "data-quality-issues");
  if (figures.p99Seconds != null) find("service.latency", judgeP99(figures.p99Seconds, thresholds), "high-latency");
  // Lag that keeps growing, or a consumer that processes nothing, is the runbook's "messages
  // accumulating": Data Not Processing. Lag that is high but steady is Consumer Lag.
  const growth = inputs.lag?.growthPerSecond ?? null;
  const accumulating = figures.processedPerSecond === 0 || (growth !== null && growth >= thresholds.consumerLagGrowthWarn);
  if (figures.consumerLag != null) find("kafka.lag", judgeLag(figures.consumerLag, growth, thresholds, inputs.lag?.group), accumulating ? "data-not-processing" : "consumer-lag");
  if (figures.processedPerSecond != null && serving) find("service.processed", judgeProcessed(figures.processedPerSecond), "data-not-processing");
  for (const symptom of Object.keys(SYMPTOMS) as Symptom[]) {
    const measured = inputs.symptoms?.[symptom];
    if (measured) find(`service.${symptom}`, judgeSymptomRate(symptom, measured.rate, thresholds, measured.by), SYMPTOM_PROCEDURE[symptom]);
  }
  if (inputs.memory) find("service.memory", judgeMemory(inputs.memory.usedBytes, inputs.memory.limitBytes, inputs.memory.risePerSecond, thresholds), "high-memory-usage");
  for (const finding of inputs.findings ?? []) find(finding.signal, finding, finding.procedure);
  return { status, reasons, findings };
}
