import { describe, expect, it } from "vitest";
import { judgeQueryDuration, queryLabel } from "./judge";

describe("judgeQueryDuration", () => {
  it("names a slow query by its author's label, with its duration", () => {
    const query = "SELECT /* enrichment-service vwap backfill */ symbol, sum(price * volume) / sum(volume) AS vwap FROM market_ticks GROUP BY symbol";
    expect(judgeQueryDuration(6.2, query, { slowQuerySeconds: 2 })).toEqual({ verdict: "warn", reason: "ClickHouse queries up to 6.2 s (enrichment-service vwap backfill)" });
    expect(judgeQueryDuration(0.3, query, { slowQuerySeconds: 2 }).verdict).toBe("ok");
  });

  it("falls back to the statement's first words", () => {
    expect(queryLabel("SELECT count() FROM market_ticks")).toBe("SELECT count() FROM market_ticks");
    expect(queryLabel(`SELECT ${"x, ".repeat(40)}y FROM t`)).toHaveLength(58);
  });
});
