/** One SQL statement to the lab's ClickHouse over HTTP (faults that change data or queries). */
import { CLICKHOUSE_URL } from "./paths.ts";

export async function clickhouse(sql: string): Promise<string> {
  const res = await fetch(CLICKHOUSE_URL, { method: "POST", body: sql, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`ClickHouse: ${text.trim()}`);
  return text.trim();
}
