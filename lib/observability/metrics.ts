import "server-only";
import client from "prom-client";
import { dbHandle } from "@/lib/db/client";

/**
 * The console's own metrics, for /api/metrics. One registry per process, kept on globalThis
 * because Next.js may evaluate this module more than once (route bundles, dev reloads).
 */
interface ConsoleMetrics {
  registry: client.Registry;
  requests: client.Counter<"route" | "method" | "status">;
  duration: client.Histogram<"route" | "method">;
  healthProbes: client.Counter<"panel" | "shared">;
}

function createMetrics(): ConsoleMetrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "console_" });
  const requests = new client.Counter({
    name: "console_http_requests_total",
    help: "Requests handled by API routes and server actions, by route, method and status",
    labelNames: ["route", "method", "status"] as const,
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: "console_http_request_duration_seconds",
    help: "Time to handle API routes and server actions, in seconds",
    labelNames: ["route", "method"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const healthProbes = new client.Counter({
    name: "console_health_probes_total",
    help: "Health probes this console process ran, by panel (kind:name) and whether the result was shared with the other console processes",
    labelNames: ["panel", "shared"] as const,
    registers: [registry],
  });
  new client.Gauge({
    name: "console_db_pool_connections",
    help: "Connections of the console's PostgreSQL pool, by state",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const pool = dbHandle().pool;
      this.set({ state: "total" }, pool.totalCount);
      this.set({ state: "idle" }, pool.idleCount);
      this.set({ state: "waiting" }, pool.waitingCount);
    },
  });
  return { registry, requests, duration, healthProbes };
}

const globalForMetrics = globalThis as unknown as { consoleMetrics?: ConsoleMetrics };

export function metrics(): ConsoleMetrics {
  globalForMetrics.consoleMetrics ??= createMetrics();
  return globalForMetrics.consoleMetrics;
}

export function observeRequest(route: string, method: string, status: number, seconds: number): void {
  const { requests, duration } = metrics();
  requests.inc({ route, method, status: String(status) });
  duration.observe({ route, method }, seconds);
}

/** One health probe this process ran (lib/health/shared-collector.ts), and whether its result went to the other processes. */
export function observeHealthProbe(panel: string, shared: boolean): void {
  metrics().healthProbes.inc({ panel, shared: String(shared) });
}
