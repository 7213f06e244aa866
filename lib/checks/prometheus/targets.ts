import { z } from "zod";
import { listTargets, type ScrapeTarget } from "@/lib/connectors/prometheus/prometheus-api";
import { connectorFailure, defineCheck } from "../define-check";

/** `curl http://prometheus:9090/api/v1/targets`: which scrape targets are up, and why the others are down. */
export const targets = defineCheck({
  id: "prometheus.targets",
  system: "prometheus",
  title: "Prometheus scrape targets",
  runbook: { procedure: "prometheus-issues", purpose: "Check targets", command: "curl http://prometheus:9090/api/v1/targets" },
  params: z.object({}),
  lab: true,
  async run(context) {
    const result = await listTargets(context.catalog.systems.prometheus.url, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    return judgeTargets(result.value);
  },
});

/** Pure: all up ok, some down warn (named, with Prometheus's last error), none up or none at all fail. */
export function judgeTargets(list: ScrapeTarget[]) {
  const down = list.filter((target) => target.health !== "up");
  const up = list.length - down.length;
  const verdict: "ok" | "warn" | "fail" = list.length === 0 || up === 0 ? "fail" : down.length ? "warn" : "ok";
  const named = down.map((target) => `${target.job} ${target.instance}${target.lastError ? ` (${target.lastError.slice(0, 80)})` : ` (${target.health})`}`);
  const summary = list.length === 0 ? "no active targets" : `${up}/${list.length} targets up${named.length ? `; down: ${named.join("; ")}` : ""}`;
  return { verdict, summary, data: { targets: list, up, total: list.length } };
}
