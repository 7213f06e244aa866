import type { ConnectorResult } from "../result";
import { readOnly, toNumber, type PipelineDbUrl } from "./pool";

/** `SELECT pg_size_pretty(pg_database_size('db'))`, with the size in bytes too. Unknown database → not_found. */
export interface DatabaseSize {
  database: string;
  bytes: number;
  /** as PostgreSQL prints it, e.g. "7901 kB" */
  pretty: string;
}

export function databaseSize(url: PipelineDbUrl, database: string, deadlineMs: number): Promise<ConnectorResult<DatabaseSize>> {
  return readOnly(url, deadlineMs, async (client) => {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) throw Object.assign(new Error(`database "${database.slice(0, 63)}" does not exist`), { code: "3D000" });
    const result = await client.query<{ bytes: string; pretty: string }>("SELECT pg_database_size($1) AS bytes, pg_size_pretty(pg_database_size($1)) AS pretty", [database]);
    return { database, bytes: toNumber(result.rows[0]?.bytes), pretty: String(result.rows[0]?.pretty ?? "") };
  });
}
