import { describe, expect, it } from "vitest";
import { eventually } from "@/test/eventually";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { countRowsCheck } from "./count-rows";
import { scratchTicks } from "./lab-table";

describe("clickhouse.count-rows (lab)", () => {
  it("counts the rows the enrichment service keeps inserting into market_ticks", async () => {
    const first = await runCheck(countRowsCheck, labContext(), {});
    expect(first).toMatchObject({ verdict: "ok", summary: expect.stringMatching(/^market_ticks has [\d,]+ rows$/) });
    // Polled: the enrichment service inserts in batches, so a rise may take a moment.
    const second = await eventually(() => runCheck(countRowsCheck, labContext(), { table: "default.market_ticks" }), (result) => (result.data?.rows ?? 0) > first.data!.rows, 30_000, 500);
    expect(second.data!.rows).toBeGreaterThan(first.data!.rows);
  });

  it("fails with 'no data' on an empty table", async () => {
    const context = labContext();
    const scratch = await scratchTicks(context, []);
    try {
      const result = await runCheck(countRowsCheck, context, { table: scratch.table });
      expect(result).toMatchObject({ verdict: "fail", summary: `no data: ${scratch.table} has 0 rows`, data: { rows: 0 } });
    } finally {
      await scratch.drop();
    }
  });

  it("is an error naming the missing table, and refuses a table name that is not an identifier", async () => {
    expect(await runCheck(countRowsCheck, labContext(), { table: "no_such_table" })).toMatchObject({ verdict: "error", error: { kind: "not_found" }, summary: expect.stringContaining("no_such_table doesn't exist") });
    expect(await runCheck(countRowsCheck, labContext(), { table: "market_ticks WHERE 1=1; DROP TABLE x" })).toMatchObject({ verdict: "error", summary: expect.stringMatching(/^bad parameters: table/) });
  });
});
