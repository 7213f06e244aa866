import "server-only";
import { observeHealthProbe } from "@/lib/observability/metrics";
import { consoleConfig } from "@/lib/config/console-config";
import { HealthCollector, type HealthSnapshot } from "./collector";
import { probeContext } from "./context";
import { catalogPanels, collectorOptions } from "./panels";
import { postgresProbeSharing, type ProbeSharing } from "./probe-sharing";

/**
 * The process's one collector (kept on globalThis so that Next's module instances share it):
 * one panel per catalog service and per infrastructure system.
 *
 * On a real PostgreSQL several console processes may serve one overview: they take turns
 * probing through the database (probe-sharing.ts). The embedded PGlite serves exactly one
 * console process (the launcher that started it) over one connection, so there is nobody to
 * share with and the sweep never waits on that connection.
 */
const globalForHealth = globalThis as unknown as { consoleHealthCollector?: HealthCollector };

export function sharedCollector(): HealthCollector {
  if (!globalForHealth.consoleHealthCollector) {
    const catalog = consoleConfig();
    globalForHealth.consoleHealthCollector = new HealthCollector(catalogPanels(catalog, probeContext), {
      ...collectorOptions(catalog),
      sharing: probeSharing(),
      onProbe: observeHealthProbe,
    });
  }
  return globalForHealth.consoleHealthCollector;
}

export function healthSnapshot(): Promise<HealthSnapshot> {
  return sharedCollector().snapshot();
}

function probeSharing(): ProbeSharing | undefined {
  const url = process.env.DATABASE_URL;
  return url && process.env.CONSOLE_EMBEDDED_DB !== "true" ? postgresProbeSharing(url) : undefined;
}
