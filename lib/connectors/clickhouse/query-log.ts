import type { ConnectorResult } from "../result";
import { printable, query, toNumber, type ClickHouseTarget } from "./client";
import { sql } from "./sql";

/**
 * `SELECT * FROM system.query_log WHERE event_date = today() ORDER BY … DESC LIMIT 10`, in
 * 18.16's shape: `type` is a UInt8 (1 start, 2 finish, 3 exception before start, 4
 * exception while processing), not an Enum. Start rows are left out (each query also has a
 * finish or exception row). The table exists only after the first flush: not_found before.
 */
export type QueryLogType = "QueryFinish" | "ExceptionBeforeStart" | "ExceptionWhileProcessing";
const TYPES: Record<number, QueryLogType> = { 2: "QueryFinish", 3: "ExceptionBeforeStart", 4: "ExceptionWhileProcessing" };

export interface QueryLogEntry {
  type: QueryLogType;
  eventTime: string;
  durationMs: number;
  readRows: number;
  readBytes: number;
  memoryBytes: number;
  user: string;
  /** the first word of the HTTP user agent (the application), e.g. "enrichment-service"; "" for native clients */
  client: string;
  queryId: string;
  query: string;
  /** the exception text; "" when the query succeeded */
  exception: string;
}

function entry(row: Record<string, unknown>): QueryLogEntry {
  return {
    type: TYPES[toNumber(row.type)] ?? "QueryFinish",
    eventTime: String(row.event_time ?? ""),
    durationMs: toNumber(row.query_duration_ms),
    readRows: toNumber(row.read_rows),
    readBytes: toNumber(row.read_bytes),
    memoryBytes: toNumber(row.memory_usage),
    user: printable(String(row.user ?? ""), 100),
    client: printable(String(row.http_user_agent ?? "").split(" ")[0] ?? "", 100),
    queryId: printable(String(row.query_id ?? ""), 100),
    query: printable(String(row.query ?? "")),
    exception: printable(String(row.exception ?? "")),
  };
}

/** Today's queries, newest first (`ORDER BY event_time DESC`) or slowest first (`ORDER BY query_duration_ms DESC`). */
export async function queryLog(
  target: ClickHouseTarget,
  order: "newest" | "slowest",
  limit: number,
  deadlineMs: number,
): Promise<ConnectorResult<QueryLogEntry[]>> {
  const statement =
    order === "newest"
      ? sql`SELECT type, toString(event_time) AS event_time, query_duration_ms, read_rows, read_bytes, memory_usage, user, http_user_agent, query_id, query, exception
          FROM system.query_log WHERE event_date = today() AND type != 1 ORDER BY event_time DESC LIMIT ${limit}`
      : sql`SELECT type, toString(event_time) AS event_time, query_duration_ms, read_rows, read_bytes, memory_usage, user, http_user_agent, query_id, query, exception
          FROM system.query_log WHERE event_date = today() AND type != 1 ORDER BY query_duration_ms DESC LIMIT ${limit}`;
  const result = await query<Record<string, unknown>>(target, statement, deadlineMs);
  if (!result.ok) return result;
  return { ok: true, ms: result.ms, value: result.value.map(entry) };
}

/**
 * Queries that failed in the last `minutes` minutes and the latest exception text, not
 * counting the console's own (a check given a table that does not exist must not make
 * ClickHouse look broken).
 */
export async function recentExceptions(target: ClickHouseTarget, minutes: number, deadlineMs: number): Promise<ConnectorResult<{ count: number; latest: string | null }>> {
  const result = await query<{ failed: unknown; latest: string }>(
    target,
    sql`SELECT count() AS failed, argMax(exception, event_time) AS latest FROM system.query_log
      WHERE event_date >= yesterday() AND event_time > now() - ${minutes * 60} AND type IN (3, 4) AND http_user_agent NOT LIKE ${"incident-console %"}`,
    deadlineMs,
  );
  if (!result.ok) return result;
  const count = toNumber(result.value[0]?.failed);
  return { ok: true, ms: result.ms, value: { count, latest: count ? printable(String(result.value[0]?.latest ?? "")) : null } };
}

/**
 * The slowest query that finished in the last `seconds` seconds, not counting the console's
 * own (query_log is flushed every few seconds, so this lags the truth by that much; the
 * running queries of system.processes cover the gap).
 */
export async function slowestRecent(target: ClickHouseTarget, seconds: number, deadlineMs: number): Promise<ConnectorResult<{ durationMs: number; query: string } | null>> {
  const result = await query<{ query_duration_ms: unknown; query: string }>(
    target,
    sql`SELECT query_duration_ms, query FROM system.query_log
      WHERE event_date >= yesterday() AND event_time > now() - ${seconds} AND type = 2 AND http_user_agent NOT LIKE ${"incident-console %"}
      ORDER BY query_duration_ms DESC LIMIT 1`,
    deadlineMs,
  );
  if (!result.ok) return result;
  const row = result.value[0];
  return { ok: true, ms: result.ms, value: row ? { durationMs: toNumber(row.query_duration_ms), query: printable(String(row.query ?? "")) } : null };
}
