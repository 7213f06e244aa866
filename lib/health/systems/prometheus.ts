import { judgeTargets } from "@/lib/checks/prometheus/targets";
import type { CheckContext } from "@/lib/checks/types";
import { listTargets } from "@/lib/connectors/prometheus/prometheus-api";
import type { SystemHealth } from "../types";
import { SystemVerdict } from "./system-verdict";

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
  // Judged as prometheus.targets judges it: each target down is a symptom of Prometheus Issues.
  const { verdict: judged, data } = judgeTargets(targets);
  const verdict = new SystemVerdict("prometheus");
  verdict.note(`${data.up}/${data.total} targets up`);
  if (judged !== "ok" && data.total === 0) verdict.raise("degraded", "no active targets");
  for (const target of targets.filter((entry) => entry.health !== "up")) {
    verdict.raise("degraded", `${target.job} target down${target.lastError ? `: ${target.lastError.slice(0, 120)}` : ""}`, "prometheus.targets");
  }
  return { status: verdict.status, reasons: verdict.reasons, findings: verdict.findings, figures: { targetsUp: data.up, targetsTotal: data.total, ms: Math.round(result.ms) } };
}
