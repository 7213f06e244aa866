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
        ok: "Connections are under 80 % of max_connections (connectionsWarn), no session waits on a lock, and no query has run over 2 s.",
        warn: "Connections at 80 % or more of max_connections, sessions waiting on locks, or a query running over 2 s: the summary names the application; check connection limits.",
        fail: "No connection slot is left for ordinary users: the connection pool is exhausted and new clients are refused; find who holds the connections, then check connection limits.",
        error: "PostgreSQL did not answer: restart PostgreSQL if it is down.",
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
        ok: "The size of db is in the summary: compare it with the disk; this check does not judge it.",
        warn: "This check does not warn: it reports the size only.",
        fail: "This check does not fail: it reports the size only.",
        error: "PostgreSQL did not answer.",
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
        ok: "No statement in pg_stat_statements averages over 2 s (slowQuerySeconds); the summary shows the one costing the most time.",
        warn: "Statements average over 2 s a call (count and the top one in the summary): optimize them and review indexing.",
        fail: "This check does not fail: slow statements are a warn.",
        error: "PostgreSQL did not answer.",
        skipped: "The pg_stat_statements extension is not installed: slow statements cannot be listed.",
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
