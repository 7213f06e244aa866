import { randomUUID } from "node:crypto";
import type { ConnectorResult } from "../result";
import { printable, query, toNumber, type ClickHouseTarget } from "./client";
import { sql } from "./sql";

/** `SELECT * FROM system.processes`: the queries running now (without the one asking), longest first. */
export interface RunningQuery {
  queryId: string;
  user: string;
  elapsedSeconds: number;
  readRows: number;
  memoryBytes: number;
  isCancelled: boolean;
  /** the statement, printable and cut at 500 characters */
  query: string;
}

export async function listProcesses(target: ClickHouseTarget, deadlineMs: number): Promise<ConnectorResult<RunningQuery[]>> {
  const queryId = `incident-console-${randomUUID()}`;
  const result = await query<Record<string, unknown>>(
    target,
    sql`SELECT query_id, user, elapsed, read_rows, memory_usage, is_cancelled, query
      FROM system.processes WHERE query_id != ${queryId} ORDER BY elapsed DESC LIMIT 100`,
    deadlineMs,
    { queryId },
  );
  if (!result.ok) return result;
  return {
    ok: true,
    ms: result.ms,
    value: result.value.map((row) => ({
      queryId: printable(String(row.query_id ?? ""), 100),
      user: printable(String(row.user ?? ""), 100),
      elapsedSeconds: toNumber(row.elapsed),
      readRows: toNumber(row.read_rows),
      memoryBytes: toNumber(row.memory_usage),
      isCancelled: toNumber(row.is_cancelled) === 1,
      query: printable(String(row.query ?? "")),
    })),
  };
}
