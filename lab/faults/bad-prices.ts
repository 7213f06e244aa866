/**
 * bad-prices: the vendor feed sends zero and negative prices; enrichment-service flags
 * them (data_quality_issues_total, ERROR logs) but they still land in market_ticks.
 * Heal: the feed recovers and the bad rows are deleted (an ALTER … DELETE mutation),
 * the runbook's "update enrichment logic / data quality checks" cleanup.
 */
import { setFault } from "../core/fault-state.ts";
import { clickhouse } from "../core/clickhouse.ts";
import { waitFor } from "../core/proc.ts";
import type { Fault } from "./fault.ts";

export const badPrices: Fault = {
  name: "bad-prices",
  runbook: "Data Processing Issues › Data Quality Issues",
  description: "the market-data feed sends price <= 0 for a quarter of the ticks; they are flagged but stored",
  inject: async () => setFault("bad-prices", true),
  heal: async () => {
    setFault("bad-prices", false);
    await new Promise((r) => setTimeout(r, 3_000)); // ticks already in flight land first
    await clickhouse("ALTER TABLE market_ticks DELETE WHERE price <= 0");
    await waitFor("bad rows deleted", async () => (await clickhouse("SELECT count() FROM market_ticks WHERE price <= 0")) === "0", 60_000, 1_000);
  },
};
