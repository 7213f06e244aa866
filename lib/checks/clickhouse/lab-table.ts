import { clickhouseClient, clickhouseTarget } from "@/lib/connectors/clickhouse/client";
import type { CheckContext } from "../types";

/**
 * For lab tests: a throwaway database `console_lab_test_<n>` with a market_ticks-shaped table,
 * so failure verdicts (no data, bad prices) are exercised without touching the pipeline's
 * own default.market_ticks. Dropped again by `drop()`.
 */
export async function scratchTicks(context: CheckContext, rows: { symbol: string; price: number }[]) {
  const target = clickhouseTarget(context.catalog.systems.clickhouse, context.env)!;
  const database = `console_lab_test_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const run = (statement: string) => clickhouseClient(target, 5_000).command({ query: statement });
  await run(`CREATE DATABASE ${database}`);
  await run(`CREATE TABLE ${database}.market_ticks (symbol String, price Float64, volume Float64, ts DateTime, source String) ENGINE = MergeTree() ORDER BY (symbol, ts)`);
  if (rows.length) {
    const values = rows.map((row, index) => `('${row.symbol}', ${row.price}, 1, now() - ${index}, 'lab-test')`).join(", ");
    await run(`INSERT INTO ${database}.market_ticks VALUES ${values}`);
  }
  return { table: `${database}.market_ticks`, drop: () => run(`DROP DATABASE IF EXISTS ${database}`) };
}
