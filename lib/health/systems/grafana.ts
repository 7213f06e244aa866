import type { CheckContext } from "@/lib/checks/types";
import { grafanaHealth, listDataSources } from "@/lib/connectors/grafana/grafana-api";
import type { SystemHealth } from "../types";

/**
 * Grafana in one look (runbook, Grafana Issues): `/api/health` (its database) and, with a
 * token, how many data sources `curl http://grafana:3000/api/datasources` lists. Parallel,
 * within the deadline; the token never appears in a reason.
 */
export async function probeGrafana(context: CheckContext): Promise<SystemHealth> {
  const system = context.catalog.systems.grafana;
  if (!system.url) return { status: "not_configured", reasons: ["no Grafana URL (GRAFANA_URL or systems.grafana.url)"], figures: {} };
  const token = context.env[system.tokenEnv] || undefined;
  const [health, sources] = await Promise.all([grafanaHealth(system.url, context.deadlineMs), token ? listDataSources({ url: system.url, token }, context.deadlineMs) : null]);
  if (!health.ok) {
    return { status: "unknown", reasons: [`${health.error.kind}: ${health.error.message}`], figures: { ms: Math.round(health.ms) } };
  }
  const reasons = [`Grafana ${health.value.version ?? "?"}, database ${health.value.database}`];
  let status: SystemHealth["status"] = health.value.database === "ok" && health.value.httpStatus === 200 ? "ok" : "degraded";
  if (!sources) reasons.push(`data sources not listed: no token in ${system.tokenEnv}`);
  else if (!sources.ok) {
    reasons.push(`data sources: ${sources.error.kind}`);
    if (status === "ok") status = "degraded";
  } else reasons.push(`${sources.value.length} data sources`);
  return { status, reasons, figures: { dataSources: sources?.ok ? sources.value.length : null, version: health.value.version, ms: Math.round(health.ms) } };
}
