import { z } from "zod";
import { grafanaHealth, listDataSources, testDataSource, type DataSourceTest } from "@/lib/connectors/grafana/grafana-api";
import { connectorFailure, defineCheck } from "../define-check";

const MAX_TESTED = 10;

/**
 * `curl http://grafana:3000/api/datasources`: the data sources Grafana has (with the token
 * from the variable systems.grafana.tokenEnv names, as a Bearer header), Grafana's own
 * health (/api/health: its database), and each data source's health test (up to 10, in
 * parallel, within the deadline): what "Test data source" means in the UI.
 */
export const datasources = defineCheck({
  id: "grafana.datasources",
  system: "grafana",
  title: "Grafana data sources",
  runbook: { procedure: "grafana-issues", purpose: "Test data source", command: "curl http://grafana:3000/api/datasources" },
  params: z.object({}),
  lab: "Grafana is not in the lab (no usable build: the server is AGPL and not in the package lists, Debian has none; see lab/README.md)",
  async run(context) {
    const system = context.catalog.systems.grafana;
    const target = { url: system.url, token: context.env[system.tokenEnv] || undefined };
    const [health, sources] = await Promise.all([grafanaHealth(target.url, context.deadlineMs), listDataSources(target, context.deadlineMs)]);
    if (!sources.ok) {
      // without a token the list is not configured, but an unreachable Grafana is the news
      if (!health.ok && sources.error.kind === "not_configured" && health.error.kind !== "not_configured") return connectorFailure(health.error);
      const failed = connectorFailure(sources.error);
      return health.ok ? { ...failed, summary: `${failed.summary}; Grafana ${health.value.version ?? "?"} database ${health.value.database}` } : failed;
    }
    const tests = await Promise.all(sources.value.slice(0, MAX_TESTED).map((source) => testDataSource(target, source.uid, context.deadlineMs)));
    const results: DataSourceTest[] = tests.flatMap((test) => (test.ok ? [test.value] : []));
    return judgeDataSources({ health: health.ok ? health.value : null, sources: sources.value, tests: results, untested: sources.value.length - results.length });
  },
});

/** Pure: failing data sources fail, a failing Grafana database or an untestable source warns. */
export function judgeDataSources(input: { health: { database: string; version: string | null } | null; sources: { uid: string; name: string; type: string }[]; tests: DataSourceTest[]; untested: number }) {
  const failing = input.tests.filter((test) => test.status !== null && test.status.toUpperCase() !== "OK");
  const names = new Map(input.sources.map((source) => [source.uid, source.name]));
  const databaseOk = !input.health || input.health.database === "ok";
  const parts = [
    `${input.sources.length} data source${input.sources.length === 1 ? "" : "s"}`,
    `${input.tests.filter((test) => test.status?.toUpperCase() === "OK").length} working`,
    ...(failing.length ? [`failing: ${failing.map((test) => `${names.get(test.uid) ?? test.uid} (${test.message || test.status})`).join("; ")}`] : []),
    ...(input.untested ? [`${input.untested} not tested`] : []),
    ...(input.health ? [`Grafana ${input.health.version ?? "?"} database ${input.health.database}`] : []),
  ];
  const verdict: "ok" | "warn" | "fail" = failing.length || !databaseOk ? "fail" : input.sources.length === 0 ? "warn" : "ok";
  return { verdict, summary: parts.join(", "), data: input };
}
