import "server-only";
import { consoleConfig } from "@/lib/config/console-config";
import { HealthCollector, type HealthSnapshot } from "./collector";
import { probeContext } from "./context";
import { catalogPanels, collectorOptions } from "./panels";

/**
 * The process's one collector (kept on globalThis so that Next's module instances share it):
 * one panel per catalog service and per infrastructure system.
 */
const globalForHealth = globalThis as unknown as { consoleHealthCollector?: HealthCollector };

export function sharedCollector(): HealthCollector {
  if (!globalForHealth.consoleHealthCollector) {
    const catalog = consoleConfig();
    globalForHealth.consoleHealthCollector = new HealthCollector(catalogPanels(catalog, probeContext), collectorOptions(catalog));
  }
  return globalForHealth.consoleHealthCollector;
}

export function healthSnapshot(): Promise<HealthSnapshot> {
  return sharedCollector().snapshot();
}

