import type { OperationStep } from "./definition";

/** A stored result as this needs it. */
interface ResultLike {
  step: string;
  status: string;
  verdict: string | null;
  summary: string | null;
}

/**
 * The service an operation step should act on when the run is about no service (started
 * from a system's panel, e.g. Prometheus): the one catalog service named by the symptom —
 * the summaries of the step's `verify` checks that warned or failed ("down: enrichment-service
 * 127.0.0.1:19091 …"). None or several named: null, and the step keeps the runbook's example. Pure.
 */
export function serviceNamedBySymptom(step: OperationStep, results: readonly ResultLike[], services: readonly string[]): string | null {
  const named = new Set<string>();
  for (const id of step.verify) {
    const latest = [...results].reverse().find((result) => result.step === id && result.status === "done");
    if (!latest || !["warn", "fail"].includes(latest.verdict ?? "")) continue;
    for (const service of services) if (new RegExp(`(^|[^a-z0-9-])${service.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^a-z0-9-]|$)`).test(latest.summary ?? "")) named.add(service);
  }
  return named.size === 1 ? [...named][0]! : null;
}
