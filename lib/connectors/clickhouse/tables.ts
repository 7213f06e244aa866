import type { ConnectorResult } from "../result";
import { printable, query, toNumber, type ClickHouseTarget } from "./client";
import { Identifier, sql } from "./sql";

/**
 * `SELECT * FROM system.tables WHERE database = 'default'` with what a responder wants to
 * know about each table: rows and bytes on disk from the active parts (`system.parts`; 18.16
 * has no total_rows/total_bytes in system.tables), and when the newest part was written.
 */
export interface TableSummary {
  database: string;
  name: string;
  engine: string;
  /** false for a table asked about by name that does not exist */
  exists: boolean;
  rows: number;
  bytes: number;
  parts: number;
  /**
   * when the newest active part was written ("YYYY-MM-DD hh:mm:ss", server time zone); with
   * inserts every second this is the last insert (a merge can move it later). null: no parts.
   */
  lastInsertAt: string | null;
}

interface PartsRow {
  database: string;
  table: string;
  rows: unknown;
  bytes: unknown;
  parts: unknown;
  last: string;
}

const partsKey = (database: string, table: string) => `${database}.${table}`;

async function sizes(target: ClickHouseTarget, databases: string[], tables: string[] | null, deadlineMs: number) {
  const statement = tables
    ? sql`SELECT database, table, sum(rows) AS rows, sum(bytes) AS bytes, count() AS parts, toString(max(modification_time)) AS last
        FROM system.parts WHERE active AND database IN ${databases} AND table IN ${tables} GROUP BY database, table`
    : sql`SELECT database, table, sum(rows) AS rows, sum(bytes) AS bytes, count() AS parts, toString(max(modification_time)) AS last
        FROM system.parts WHERE active AND database IN ${databases} GROUP BY database, table`;
  const result = await query<PartsRow>(target, statement, deadlineMs);
  if (!result.ok) return result;
  return { ...result, value: new Map(result.value.map((row) => [partsKey(row.database, row.table), row])) };
}

function summary(database: string, name: string, engine: string | null, parts: PartsRow | undefined): TableSummary {
  return {
    database: printable(database, 128),
    name: printable(name, 128),
    engine: printable(engine ?? "", 64),
    exists: engine !== null,
    rows: toNumber(parts?.rows),
    bytes: toNumber(parts?.bytes),
    parts: toNumber(parts?.parts),
    lastInsertAt: parts?.last && parts.last !== "0000-00-00 00:00:00" ? parts.last : null,
  };
}

/** Every table of one database with its size, largest first. */
export async function listTables(target: ClickHouseTarget, database: string, deadlineMs: number): Promise<ConnectorResult<TableSummary[]>> {
  const [tables, parts] = await Promise.all([
    query<{ name: string; engine: string }>(target, sql`SELECT name, engine FROM system.tables WHERE database = ${database} ORDER BY name LIMIT 1000`, deadlineMs),
    sizes(target, [database], null, deadlineMs),
  ]);
  if (!tables.ok) return tables;
  if (!parts.ok) return parts;
  const value = tables.value.map((table) => summary(database, table.name, table.engine, parts.value.get(partsKey(database, table.name))));
  return { ok: true, ms: Math.max(tables.ms, parts.ms), value: value.sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name)) };
}

/**
 * Rows, bytes and last insert of the named tables (`market_ticks` or `default.market_ticks`;
 * without a database, the target's), for a service page. Names must be identifiers; a table
 * that does not exist is listed with `exists: false`.
 */
export async function tableStats(target: ClickHouseTarget, names: string[], deadlineMs: number): Promise<ConnectorResult<TableSummary[]>> {
  let wanted: { database: string; name: string }[];
  try {
    wanted = names.map((name) => Identifier.parse(name)).map((id) => ({ database: id.database ?? target.database, name: id.name }));
  } catch (error) {
    return { ok: false, ms: 0, error: { kind: "bad_response", message: error instanceof Error ? error.message : "not an identifier" } };
  }
  if (wanted.length === 0) return { ok: true, ms: 0, value: [] };
  const databases = [...new Set(wanted.map((table) => table.database))];
  const tableNames = [...new Set(wanted.map((table) => table.name))];
  const [tables, parts] = await Promise.all([
    query<{ database: string; name: string; engine: string }>(
      target,
      sql`SELECT database, name, engine FROM system.tables WHERE database IN ${databases} AND name IN ${tableNames}`,
      deadlineMs,
    ),
    sizes(target, databases, tableNames, deadlineMs),
  ]);
  if (!tables.ok) return tables;
  if (!parts.ok) return parts;
  const engines = new Map(tables.value.map((table) => [partsKey(table.database, table.name), table.engine]));
  const value = wanted.map(({ database, name }) => summary(database, name, engines.get(partsKey(database, name)) ?? null, parts.value.get(partsKey(database, name))));
  return { ok: true, ms: Math.max(tables.ms, parts.ms), value };
}
