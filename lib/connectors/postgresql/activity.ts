import type { ConnectorResult } from "../result";
import { printable, readOnly, toNumber, type PipelineDbUrl } from "./pool";

/**
 * `SELECT * FROM pg_stat_activity`, summed up: connections by state against
 * max_connections, sessions waiting on a lock (and who blocks them), the longest-running
 * ones. The console's own session is left out. Query texts of other roles need
 * pg_read_all_stats; without it PostgreSQL shows "<insufficient privilege>".
 */
export interface Session {
  pid: number;
  user: string;
  database: string;
  application: string;
  state: string;
  /** e.g. "Lock:transactionid", "Client:ClientRead"; "" when not waiting */
  waitEvent: string;
  /** pids holding the lock this session waits for */
  blockedBy: number[];
  /** since the current (or last) query started */
  querySeconds: number;
  /** since the transaction started; null outside a transaction */
  transactionSeconds: number | null;
  query: string;
}

export interface Activity {
  maxConnections: number;
  /** slots kept for superusers (not usable by the pipeline's role) */
  reservedConnections: number;
  /** client connections, the console's included (it holds one while asking) */
  connections: number;
  byState: Record<string, number>;
  waitingOnLocks: number;
  /** client sessions, longest-running first (at most 50) */
  sessions: Session[];
}

export function activity(url: PipelineDbUrl, deadlineMs: number): Promise<ConnectorResult<Activity>> {
  return readOnly(url, deadlineMs, async (client) => {
    const settings = await client.query<{ max: string; reserved: string }>(
      "SELECT current_setting('max_connections') AS max, current_setting('superuser_reserved_connections') AS reserved",
    );
    const rows = await client.query<Record<string, unknown>>(
      `SELECT pid, usename, datname, application_name, coalesce(state, '') AS state,
              coalesce(wait_event_type || ':' || wait_event, '') AS wait_event, wait_event_type = 'Lock' AS waiting_on_lock,
              pg_blocking_pids(pid) AS blocked_by,
              extract(epoch FROM clock_timestamp() - query_start)::float8 AS query_seconds,
              extract(epoch FROM clock_timestamp() - xact_start)::float8 AS xact_seconds,
              left(query, 1000) AS query, pid = pg_backend_pid() AS self
         FROM pg_stat_activity
        WHERE backend_type = 'client backend'
        ORDER BY query_start NULLS LAST`,
    );
    const others = rows.rows.filter((row) => !row.self);
    const byState: Record<string, number> = {};
    for (const row of others) byState[String(row.state || "unknown")] = (byState[String(row.state || "unknown")] ?? 0) + 1;
    const sessions: Session[] = others
      .map((row) => ({
        pid: toNumber(row.pid),
        user: printable(row.usename, 64),
        database: printable(row.datname, 64),
        application: printable(row.application_name, 64),
        state: printable(row.state, 40),
        waitEvent: printable(row.wait_event, 80),
        blockedBy: Array.isArray(row.blocked_by) ? row.blocked_by.map(toNumber) : [],
        querySeconds: row.state === "active" || row.state === "idle in transaction" ? toNumber(row.query_seconds) : 0,
        transactionSeconds: row.xact_seconds === null ? null : toNumber(row.xact_seconds),
        query: printable(row.query),
      }))
      .sort((a, b) => b.querySeconds - a.querySeconds);
    return {
      maxConnections: toNumber(settings.rows[0]?.max),
      reservedConnections: toNumber(settings.rows[0]?.reserved),
      connections: rows.rows.length,
      byState,
      waitingOnLocks: others.filter((row) => row.waiting_on_lock === true).length,
      sessions: sessions.slice(0, 50),
    };
  });
}
