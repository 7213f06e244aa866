import { z } from "zod";
import { queryLog } from "@/lib/connectors/clickhouse/query-log";
import { connectorFailure, defineCheck } from "../define-check";
import { judgeQueryDuration } from "./judge";
import { targetOf } from "./target";

/**
 * `SELECT * FROM system.query_log WHERE event_date = today() ORDER BY query_duration_ms DESC LIMIT 10`:
 * today's slowest queries, against thresholds.slowQuerySeconds.
 */
export const latencyQueriesCheck = defineCheck({
  id: "clickhouse.latency-queries",
  system: "clickhouse",
  title: "Today's slowest ClickHouse queries",
  runbook: {
    procedure: "high-latency",
    purpose: "Check database performance",
    command:
      'kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query "SELECT * FROM system.query_log WHERE event_date = today() ORDER BY query_duration_ms DESC LIMIT 10"',
  },
  params: z.object({ limit: z.number().int().min(1).max(100).default(10) }),
  lab: true,
  async run(context, params) {
    const target = targetOf(context);
    if ("verdict" in target) return target;
    const result = await queryLog(target, "slowest", params.limit, context.deadlineMs);
    if (!result.ok) {
      if (result.error.kind === "not_found") return { verdict: "skipped", summary: "system.query_log does not exist (query logging is off, or nothing was flushed yet)", data: null, error: result.error };
      return connectorFailure(result.error);
    }
    const queries = result.value;
    const slow = queries.filter((entry) => judgeQueryDuration(entry.durationMs / 1000, entry.query, context.thresholds).verdict !== "ok");
    const data = { queries, slowQuerySeconds: context.thresholds.slowQuerySeconds };
    if (queries.length === 0) return { verdict: "ok", summary: "no queries logged today", data };
    const slowest = queries[0]!;
    const head = `slowest today ${seconds(slowest.durationMs)} (${slowest.client || slowest.user}, ${slowest.readRows.toLocaleString("en-US")} rows read)`;
    if (slow.length) return { verdict: "warn", summary: `${slow.length} of the ${queries.length} slowest queries took over ${context.thresholds.slowQuerySeconds} s; ${head}`, data };
    return { verdict: "ok", summary: `${head}; none over ${context.thresholds.slowQuerySeconds} s`, data };
  },
});

const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);
