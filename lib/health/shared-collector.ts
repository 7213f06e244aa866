import "server-only";
import { SYSTEM_NAMES } from "@/lib/config/catalog";
import { consoleConfig } from "@/lib/config/console-config";
import { parseDuration } from "@/lib/config/duration";
import { HealthCollector, type HealthSnapshot, type PanelDefinition } from "./collector";
import { probeContext } from "./context";
import { serviceProber } from "./probe-service";
import { SYSTEM_PROBES, withFindings } from "./systems";

/**
 * The process's one collector (kept on globalThis so that Next's module instances share it):
 * one panel per catalog service and per infrastructure system.
 */
const globalForHealth = globalThis as unknown as { consoleHealthCollector?: HealthCollector };

export function sharedCollector(): HealthCollector {
  if (!globalForHealth.consoleHealthCollector) {
    const catalog = consoleConfig();
    const deadlineMs = parseDuration(catalog.probe.deadline) ?? 2_000;
    const freshnessMs = parseDuration(catalog.probe.freshness) ?? 5_000;
    const panels: PanelDefinition[] = [
      ...catalog.services.map((service) => ({ kind: "service" as const, name: service.name, probe: serviceProber(service, () => probeContext(service)) })),
      ...SYSTEM_NAMES.map((name) => ({ kind: "system" as const, name, probe: async () => withFindings(name, await SYSTEM_PROBES[name](probeContext())) })),
    ];
    globalForHealth.consoleHealthCollector = new HealthCollector(panels, {
      deadlineMs,
      // A panel is re-probed this often while watched, so its data stays within the freshness
      // goal even when its backend takes the whole deadline to fail.
      cadenceMs: Math.min(Math.max(freshnessMs - deadlineMs - 1_000, 1_000), 10_000),
      freshnessMs,
      historyMs: parseDuration(catalog.probe.history) ?? 15 * 60_000,
    });
  }
  return globalForHealth.consoleHealthCollector;
}

export function healthSnapshot(): Promise<HealthSnapshot> {
  return sharedCollector().snapshot();
}
