import { BACK_TO_RESOLUTION_UNLESS_GONE, defineProcedure } from "../definition";

/** Runbook: Database Issues › PostgreSQL Issues. */
export const postgresqlIssues = defineProcedure({
  id: "postgresql-issues",
  version: 1,
  kind: "procedure",
  section: "Database Issues",
  title: "PostgreSQL Issues",
  level: "L1",
  symptoms: [
    "Connection pool exhaustion",
    "Query timeouts",
    "Lock contention"
  ],
  resolution: [
    "Restart PostgreSQL",
    "Check connection limits",
    "Optimize queries",
    "Review indexing"
  ],
  start: "check-postgresql-status",
  steps: [
    {
      id: "check-postgresql-status",
      title: "Check PostgreSQL status",
      kind: "check",
      check: "postgresql.activity",
      params: {},
      command: "kubectl exec -it postgresql-0 -n data-processing -- psql -U user -d db \\\n  -c \"SELECT * FROM pg_stat_activity\"",
      meaning: {
        ok: "PostgreSQL connections and locks: nothing out of the ordinary.",
        warn: "PostgreSQL connections and locks: something to look at; read the summary and the data.",
        fail: "PostgreSQL connections and locks: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-database-size",
      title: "Check database size",
      kind: "check",
      check: "postgresql.database-size",
      params: {},
      command: "kubectl exec -it postgresql-0 -n data-processing -- psql -U user -d db \\\n  -c \"SELECT pg_size_pretty(pg_database_size('db'))\"",
      meaning: {
        ok: "PostgreSQL database size: nothing out of the ordinary.",
        warn: "PostgreSQL database size: something to look at; read the summary and the data.",
        fail: "PostgreSQL database size: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-slow-queries",
      title: "Check slow queries",
      kind: "check",
      check: "postgresql.slow-queries",
      params: {},
      command: "kubectl exec -it postgresql-0 -n data-processing -- psql -U user -d db \\\n  -c \"SELECT * FROM pg_stat_statements ORDER BY total_time DESC LIMIT 10\"",
      meaning: {
        ok: "PostgreSQL statements by total time: nothing out of the ordinary.",
        warn: "PostgreSQL statements by total time: something to look at; read the summary and the data.",
        fail: "PostgreSQL statements by total time: broken; this is likely part of the cause."
      }
    },
    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: [
        "Restart PostgreSQL",
        "Check connection limits",
        "Optimize queries",
        "Review indexing"
      ]
    },
    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: [
        "check-postgresql-status",
        "check-database-size",
        "check-slow-queries"
      ],
      ...BACK_TO_RESOLUTION_UNLESS_GONE
    }
  ]
});
