import type { HealthStatus } from "@/lib/health/types";
import { StatusBadge } from "./status-badge";

/** What each status means: the same words as docs/catalog.md and lib/health/evaluate-service.ts. */
export const STATUS_MEANINGS: Record<HealthStatus, string> = {
  ok: "serves, and no symptom of the runbook is seen",
  degraded: "serves, with a symptom (named on the panel)",
  down: "does not serve: no pod ready, /health does not answer, or the system says it is broken",
  unknown: "the console cannot tell: the backend does not answer or hangs",
  not_configured: "nothing to ask: no endpoint in the catalog or the environment",
};

export function StatusLegend() {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-fg-muted">What the statuses mean</summary>
      <dl className="mt-2 grid gap-x-3 gap-y-1 sm:grid-cols-[auto_1fr]">
        {(Object.keys(STATUS_MEANINGS) as HealthStatus[]).map((status) => (
          <div key={status} className="contents">
            <dt>
              <StatusBadge status={status} />
            </dt>
            <dd className="text-fg-muted">{STATUS_MEANINGS[status]}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
