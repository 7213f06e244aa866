import { describe, expect, it } from "vitest";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { invalidPricesCheck } from "./invalid-prices";
import { scratchTicks } from "./lab-table";

describe("clickhouse.invalid-prices (lab)", () => {
  it("finds no non-positive prices in the healthy pipeline's market_ticks", async () => {
    expect(await runCheck(invalidPricesCheck, labContext(), {})).toMatchObject({ verdict: "ok", summary: "no rows with price <= 0 in market_ticks", data: { rows: [] } });
  });

  it("warns with sample rows when a few ticks have a price <= 0, and fails when a full page does", async () => {
    const context = labContext();
    const scratch = await scratchTicks(context, [
      { symbol: "AAPL", price: 187.2 },
      { symbol: "MSFT", price: 0 },
      { symbol: "GOOG", price: -3.5 },
    ]);
    try {
      const few = await runCheck(invalidPricesCheck, context, { table: scratch.table });
      expect(few).toMatchObject({ verdict: "warn", data: { limited: false } });
      expect(few.summary).toMatch(/^2 rows with price <= 0 in console_lab_test_\d+_\d+\.market_ticks \((MSFT, GOOG|GOOG, MSFT)\)$/);
      expect(few.data!.rows.map((row) => row.price).sort()).toEqual([-3.5, 0]);
      expect(few.data!.rows[0]).toMatchObject({ source: "lab-test", volume: 1 });
      const page = await runCheck(invalidPricesCheck, context, { table: scratch.table, limit: 2 });
      expect(page).toMatchObject({ verdict: "fail", summary: expect.stringMatching(/^at least 2 rows with price <= 0/) });
    } finally {
      await scratch.drop();
    }
  });
});
