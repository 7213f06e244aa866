import type { ConnectorResult } from "../result";
import { printable, readOnly, toNumber, type PipelineDbUrl } from "./pool";

/**
 * `SELECT * FROM pg_stat_statements ORDER BY total_time DESC LIMIT 10`. The extension is
 * optional: when it is not installed in the database (or not in shared_preload_libraries)
 * the answer says so instead of failing. PostgreSQL 13 renamed total_time/mean_time to
 * total_exec_time/mean_exec_time; the statement is chosen by server_version_num.
 */
export interface Statement {
  queryId: string;
  user: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
  query: string;
}

export type Statements = { available: true; version: string; statements: Statement[] } | { available: false; reason: string };

const MODERN = `SELECT queryid::text AS queryid, userid::regrole::text AS username, calls, total_exec_time AS total_ms, mean_exec_time AS mean_ms, rows, left(query, 1000) AS query
  FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT $1`;
const LEGACY = `SELECT queryid::text AS queryid, userid::regrole::text AS username, calls, total_time AS total_ms, mean_time AS mean_ms, rows, left(query, 1000) AS query
  FROM pg_stat_statements ORDER BY total_time DESC LIMIT $1`;

export function slowStatements(url: PipelineDbUrl, limit: number, deadlineMs: number): Promise<ConnectorResult<Statements>> {
  return readOnly(url, deadlineMs, async (client): Promise<Statements> => {
    const extension = await client.query<{ version: string; server: string }>(
      "SELECT (SELECT extversion FROM pg_extension WHERE extname = 'pg_stat_statements') AS version, current_setting('server_version_num') AS server",
    );
    const version = extension.rows[0]?.version;
    if (!version) return { available: false, reason: "the pg_stat_statements extension is not installed in this database (CREATE EXTENSION pg_stat_statements)" };
    await client.query("SAVEPOINT statements");
    try {
      const result = await client.query<Record<string, unknown>>(toNumber(extension.rows[0]?.server) >= 130000 ? MODERN : LEGACY, [limit]);
      return {
        available: true,
        version,
        statements: result.rows.map((row) => ({
          queryId: String(row.queryid ?? ""),
          user: printable(row.username, 64),
          calls: toNumber(row.calls),
          totalMs: toNumber(row.total_ms),
          meanMs: toNumber(row.mean_ms),
          rows: toNumber(row.rows),
          query: printable(row.query),
        })),
      };
    } catch (error) {
      // 55000: "pg_stat_statements must be loaded via shared_preload_libraries"
      if ((error as { code?: unknown }).code === "55000") {
        await client.query("ROLLBACK TO SAVEPOINT statements");
        return { available: false, reason: "pg_stat_statements is installed but not loaded (add it to shared_preload_libraries and restart)" };
      }
      throw error;
    }
  });
}
