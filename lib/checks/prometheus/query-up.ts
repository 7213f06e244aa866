import { z } from "zod";
import { instantQuery } from "@/lib/connectors/prometheus/prometheus-api";
import { connectorFailure, defineCheck } from "../define-check";

/** `curl http://prometheus:9090/api/v1/query?query=up`: the query is fixed ("up"), never taken from the user. */
export const queryUp = defineCheck({
  id: "prometheus.query-up",
  system: "prometheus",
  title: "Prometheus: up",
  runbook: { procedure: "prometheus-issues", purpose: "Check metrics", command: "curl http://prometheus:9090/api/v1/query?query=up" },
  params: z.object({}),
  lab: true,
  async run(context) {
    const result = await instantQuery(context.catalog.systems.prometheus.url, "up", {}, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    const series = result.value.samples.map((sample) => ({ job: sample.metric.job ?? "?", instance: sample.metric.instance ?? "?", up: sample.value === 1 }));
    const down = series.filter((entry) => !entry.up);
    const verdict = series.length === 0 || down.length === series.length ? "fail" : down.length ? "warn" : "ok";
    const summary =
      series.length === 0 ? "up returned no series: Prometheus scrapes nothing" : `up = 1 for ${series.length - down.length}/${series.length}${down.length ? `; up = 0: ${down.map((entry) => `${entry.job} ${entry.instance}`).join(", ")}` : ""}`;
    return { verdict, summary, data: { query: result.value.query, series } };
  },
});
