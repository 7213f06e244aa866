import { BACK_TO_RESOLUTION_UNLESS_GONE, defineProcedure } from "../definition";

/** Runbook: Database Issues › ClickHouse Issues. */
export const clickhouseIssues = defineProcedure({
  id: "clickhouse-issues",
  version: 1,
  kind: "procedure",
  section: "Database Issues",
  title: "ClickHouse Issues",
  level: "L1",
  symptoms: [
    "Query timeouts",
    "Connection errors",
    "Data corruption"
  ],
  resolution: [
    "Restart ClickHouse",
    "Check disk space",
    "Optimize queries",
    "Review table structure"
  ],
  start: "check-clickhouse-status",
  steps: [
    {
      id: "check-clickhouse-status",
      title: "Check ClickHouse status",
      kind: "check",
      check: "clickhouse.processes",
      params: {},
      command: "kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query \"SELECT * FROM system.processes\"",
      meaning: {
        ok: "Queries running in ClickHouse: nothing out of the ordinary.",
        warn: "Queries running in ClickHouse: something to look at; read the summary and the data.",
        fail: "Queries running in ClickHouse: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-table-status",
      title: "Check table status",
      kind: "check",
      check: "clickhouse.tables",
      params: {},
      command: "kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query \"SELECT * FROM system.tables WHERE database = 'default'\"",
      meaning: {
        ok: "ClickHouse tables and their sizes: nothing out of the ordinary.",
        warn: "ClickHouse tables and their sizes: something to look at; read the summary and the data.",
        fail: "ClickHouse tables and their sizes: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-query-log",
      title: "Check query log",
      kind: "check",
      check: "clickhouse.query-log",
      params: {},
      command: "kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query \"SELECT * FROM system.query_log WHERE event_date = today() ORDER BY event_time DESC LIMIT 10\"",
      meaning: {
        ok: "ClickHouse query log: nothing out of the ordinary.",
        warn: "ClickHouse query log: something to look at; read the summary and the data.",
        fail: "ClickHouse query log: broken; this is likely part of the cause."
      }
    },
    {
      id: "slowest-queries",
      inRunbook: false,
      title: "Slowest queries today",
      kind: "check",
      check: "clickhouse.latency-queries",
      params: {},
      command: 'kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query "SELECT * FROM system.query_log WHERE event_date = today() ORDER BY query_duration_ms DESC LIMIT 10"',
      meaning: {
        ok: "No query today took long enough to cause timeouts.",
        warn: "Queries took seconds: the query log names who ran them (a backfill, a dashboard).",
        fail: "Queries ran long enough to time out callers."
      }
    },
    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: [
        "Restart ClickHouse",
        "Check disk space",
        "Optimize queries",
        "Review table structure"
      ]
    },
    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: [
        "check-clickhouse-status",
        "check-table-status",
        "check-query-log"
      ],
      ...BACK_TO_RESOLUTION_UNLESS_GONE
    }
  ]
});
