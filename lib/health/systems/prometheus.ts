import { judgeTargets } from "@/lib/checks/prometheus/targets";
import type { CheckContext } from "@/lib/checks/types";
import { listTargets } from "@/lib/connectors/prometheus/prometheus-api";
import type { SystemHealth } from "../types";

/**
 * Prometheus in one look (runbook, Prometheus Issues: `curl http://prometheus:9090/api/v1/targets`):
 * targets up x/y, the down ones named. One call within the probe deadline; never throws.
 */
export async function probePrometheus(context: CheckContext): Promise<SystemHealth> {
  const url = context.catalog.systems.prometheus.url;
  if (!url) return { status: "not_configured", reasons: ["no Prometheus URL (PROMETHEUS_URL or systems.prometheus.url)"], figures: {} };
  const result = await listTargets(url, context.deadlineMs);
  if (!result.ok) {
    return { status: "unknown", reasons: [`${result.error.kind}: ${result.error.message}`], figures: { targetsUp: null, targetsTotal: null, ms: Math.round(result.ms) } };
  }
  const targets = result.value;
  // Judged as prometheus.targets judges it: a target down is a symptom of Prometheus Issues.
  const { verdict, data } = judgeTargets(targets);
  const down = targets.filter((target) => target.health !== "up");
  const reasons = [`${data.up}/${data.total} targets up`, ...down.map((target) => `${target.job} target down${target.lastError ? `: ${target.lastError.slice(0, 120)}` : ""}`)];
  const status = verdict === "ok" ? "ok" : "degraded";
  const up = data.up;
  return { status, reasons, figures: { targetsUp: up, targetsTotal: targets.length, ms: Math.round(result.ms) } };
}
