import type { ConnectorResult } from "../result";
import { printable, query, toNumber, type ClickHouseTarget } from "./client";
import { Identifier, sql } from "./sql";

/**
 * The runbook's queries on the pipeline's output table:
 * `SELECT count() FROM market_ticks` and `SELECT * FROM market_ticks WHERE price <= 0 LIMIT 10`.
 * The table name is an identifier checked by `Identifier.parse` (callers validate it first).
 */
export async function countRows(target: ClickHouseTarget, table: string, deadlineMs: number): Promise<ConnectorResult<number>> {
  const result = await query<{ rows: unknown }>(target, () => sql`SELECT count() AS rows FROM ${Identifier.parse(table)}`, deadlineMs);
  if (!result.ok) return result;
  return { ok: true, ms: result.ms, value: toNumber(result.value[0]?.rows) };
}

/** A row as the server sent it, each value printable and short (rows hold data from outside). */
export type SampleRow = Record<string, string | number | boolean | null>;

export function sampleRow(row: Record<string, unknown>): SampleRow {
  const entries = Object.entries(row).slice(0, 50);
  return Object.fromEntries(
    entries.map(([column, value]) => [
      printable(column, 64),
      value === null || typeof value === "number" || typeof value === "boolean" ? value : printable(typeof value === "string" ? value : JSON.stringify(value) ?? "", 200),
    ]),
  );
}

/** Rows whose price is zero or negative, at most `limit`. */
export async function invalidPrices(target: ClickHouseTarget, table: string, limit: number, deadlineMs: number): Promise<ConnectorResult<SampleRow[]>> {
  const result = await query<Record<string, unknown>>(target, () => sql`SELECT * FROM ${Identifier.parse(table)} WHERE price <= 0 LIMIT ${limit}`, deadlineMs);
  if (!result.ok) return result;
  return { ok: true, ms: result.ms, value: result.value.map(sampleRow) };
}
