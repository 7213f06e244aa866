import type { Thresholds } from "@/lib/config/catalog";

/**
 * How long a ClickHouse query took or has been running, judged once for the checks
 * (clickhouse.processes, clickhouse.latency-queries) and the overview's ClickHouse panel.
 * The reason names the query the way its author labelled it (`/* enrichment-service vwap
 * backfill *\/`), else by its first words.
 */
export function judgeQueryDuration(seconds: number, query: string, thresholds: Pick<Thresholds, "slowQuerySeconds">): { verdict: "ok" | "warn"; reason: string } {
  const reason = `ClickHouse queries up to ${seconds.toFixed(1)} s (${queryLabel(query)})`;
  return { verdict: seconds >= thresholds.slowQuerySeconds ? "warn" : "ok", reason };
}

export function queryLabel(query: string): string {
  const comment = /\/\*\s*(.{1,80}?)\s*\*\//.exec(query)?.[1];
  if (comment) return comment;
  const words = query.replace(/\s+/g, " ").trim();
  return words.length > 60 ? `${words.slice(0, 57)}…` : words;
}
