import type { HealthStatus } from "./evaluate-service";

export type { HealthStatus } from "./evaluate-service";

/** A key figure on a panel: a number (rates per second, counts, seconds) or a short text; null when unknown. */
export type Figures = Record<string, number | string | null>;

/**
 * One symptom the console recognised, in the runbook's words with its figure ("auth failures
 * 1.0/s (revoked key: trading-desk-a)"), judged by the same pure function the check of that
 * figure uses, and the runbook procedure that diagnoses it. Panels show findings as reasons;
 * guided diagnosis turns them into suggestions ("… → Authentication Failures").
 */
export interface Finding {
  /** which judgement found it, e.g. "service.auth-failures", "helm.status", "kafka.lag" */
  signal: string;
  verdict: "warn" | "fail";
  /** one line in the runbook's words, with the figure */
  reason: string;
  /** the id of the runbook procedure that diagnoses it (lib/runbooks), or null when none fits */
  procedure: string | null;
}

/**
 * What one probe of an infrastructure system says: status, the reasons in words ("1/1
 * brokers, 2 under-replicated partitions"), key figures. Produced by lib/health/systems/<system>.ts
 * within the probe deadline; never throws (a backend that is down is `down` or `unknown`
 * with the error kind in the reasons).
 */
export interface SystemHealth {
  status: HealthStatus;
  reasons: string[];
  figures: Figures;
  /** the symptoms behind a non-ok status, each with the procedure that diagnoses it */
  findings?: Finding[];
}
