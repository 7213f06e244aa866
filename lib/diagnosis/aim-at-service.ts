import type { AnyCheck } from "@/lib/checks/types";

const SERVICE_KEYS = ["service", "deployment"] as const;
const PINNED_KEYS = ["pod", "selector", "namespace"];

/**
 * A step's parameters aimed at the run's service: the runbook's commands name
 * normalization-service as their example; a run about enrichment-service looks at that one.
 * Only a service or deployment the step leaves open or sets to a catalog service is changed,
 * and a selector `app=<catalog service>` (the runbook's `-l app=normalization-service`); a
 * step pinned to something else (pod kafka-0, the monitoring namespace) is left alone.
 */
export function aimAtService(check: AnyCheck, params: Record<string, unknown>, service: string | null, catalogServices: readonly string[]): Record<string, unknown> {
  if (!service) return params;
  const shape = (check.params as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const pinned = PINNED_KEYS.some((key) => params[key] !== undefined);
  const aimed = { ...params };
  const app = typeof params.selector === "string" ? /^app=([a-z0-9-]+)$/.exec(params.selector)?.[1] : undefined;
  if (app && catalogServices.includes(app)) aimed.selector = `app=${service}`;
  for (const key of SERVICE_KEYS) {
    if (!(key in shape)) continue;
    const current = params[key];
    if (current === undefined ? !pinned : typeof current === "string" && catalogServices.includes(current)) aimed[key] = service;
  }
  return aimed;
}
