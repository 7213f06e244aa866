import "server-only";
import type { CheckContext } from "@/lib/checks/types";
import { SYSTEM_NAMES, type Catalog, type CatalogService } from "@/lib/config/catalog";
import { parseDuration } from "@/lib/config/duration";
import type { CollectorOptions, PanelDefinition } from "./collector";
import { serviceProber } from "./probe-service";
import { SYSTEM_PROBES, withFindings } from "./systems";

/**
 * The overview's panels for a catalog: one per service (its prober keeps the scrapes and
 * trends between sweeps) and one per infrastructure system. `contextFor` gives the context
 * a probe runs with (the service's thresholds for a service's panel).
 */
export function catalogPanels(catalog: Catalog, contextFor: (service?: CatalogService) => CheckContext): PanelDefinition[] {
  return [
    ...catalog.services.map((service) => ({ kind: "service" as const, name: service.name, probe: serviceProber(service, () => contextFor(service)) })),
    ...SYSTEM_NAMES.map((name) => ({ kind: "system" as const, name, probe: async () => withFindings(name, await SYSTEM_PROBES[name](contextFor())) })),
  ];
}

/** The catalog's probe settings as collector options. */
export function collectorOptions(catalog: Catalog): CollectorOptions {
  const deadlineMs = parseDuration(catalog.probe.deadline) ?? 2_000;
  const freshnessMs = parseDuration(catalog.probe.freshness) ?? 5_000;
  return {
    deadlineMs,
    // A panel is re-probed this often while watched, so its data stays within the freshness
    // goal even when its backend takes the whole deadline to fail.
    cadenceMs: Math.min(Math.max(freshnessMs - deadlineMs - 1_000, 1_000), 10_000),
    freshnessMs,
    historyMs: parseDuration(catalog.probe.history) ?? 15 * 60_000,
  };
}
