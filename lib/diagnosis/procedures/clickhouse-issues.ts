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
        ok: "No query has been running 2 s or longer (slowQuerySeconds): ClickHouse is not busy with long runners.",
        warn: "Queries running 2 s or longer (the longest and its user in the summary): they can time out callers; find who runs them and optimize or stop them.",
        fail: "This check does not fail: long-running queries are a warn.",
        error: "ClickHouse did not answer: the connection errors are real; restart ClickHouse and check its disk space.",
        skipped: "ClickHouse is not configured in the catalog.",
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
        ok: "Every table the services write to exists in default and holds rows.",
        warn: "A table the services write to is empty (named in the summary): no data reaches it; see Data Not Processing.",
        fail: "A table the services write to is missing (named in the summary): inserts fail; review table structure.",
        error: "ClickHouse did not answer.",
        skipped: "ClickHouse is not configured in the catalog.",
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
        ok: "No query failed in the last 15 minutes.",
        warn: "Queries failed in the last 15 minutes (count and latest exception in the summary): the exception says why, e.g. a missing table or memory limit.",
        fail: "This check does not fail: failed queries are a warn.",
        error: "ClickHouse did not answer.",
        skipped: "system.query_log does not exist (query logging is off) or ClickHouse is not configured.",
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
        ok: "None of today's 10 slowest queries took 2 s or longer (slowQuerySeconds).",
        warn: "Queries today took 2 s or longer: the query log names who ran them (a backfill, a dashboard); optimize them.",
        fail: "This check does not fail: slow queries are a warn.",
        error: "ClickHouse did not answer.",
        skipped: "system.query_log does not exist (query logging is off) or ClickHouse is not configured.",
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
