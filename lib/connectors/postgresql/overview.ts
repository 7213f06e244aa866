import type { ConnectorResult } from "../result";
import { readOnly, toNumber, type PipelineDbUrl } from "./pool";

/** The figures of the PostgreSQL panel in one round trip: connections against the limit, lock waits, database size. */
export interface PostgresOverview {
  version: string;
  connections: number;
  maxConnections: number;
  reservedConnections: number;
  waitingOnLocks: number;
  database: string;
  databaseBytes: number;
}

export function postgresOverview(url: PipelineDbUrl, deadlineMs: number): Promise<ConnectorResult<PostgresOverview>> {
  return readOnly(url, deadlineMs, async (client) => {
    const result = await client.query<Record<string, unknown>>(
      `SELECT current_setting('server_version') AS version,
              (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend') AS connections,
              current_setting('max_connections') AS max_connections,
              current_setting('superuser_reserved_connections') AS reserved,
              (SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock') AS waiting,
              current_database() AS database, pg_database_size(current_database()) AS bytes`,
    );
    const row = result.rows[0] ?? {};
    return {
      version: String(row.version ?? "?").split(" ")[0]!.slice(0, 40),
      connections: toNumber(row.connections),
      maxConnections: toNumber(row.max_connections),
      reservedConnections: toNumber(row.reserved),
      waitingOnLocks: toNumber(row.waiting),
      database: String(row.database ?? ""),
      databaseBytes: toNumber(row.bytes),
    };
  });
}
