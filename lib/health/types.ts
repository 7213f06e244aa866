import type { Finding } from "@/lib/checks/types";
import type { HealthStatus } from "./evaluate-service";

export type { HealthStatus } from "./evaluate-service";
/** A symptom on a panel, judged like its check; defined beside the checks (lib/checks/types.ts). */
export type { Finding } from "@/lib/checks/types";

/** A key figure on a panel: a number (rates per second, counts, seconds) or a short text; null when unknown. */
export type Figures = Record<string, number | string | null>;

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
