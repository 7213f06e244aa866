import { describe, expect, it } from "vitest";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { tablesCheck } from "./tables";

describe("clickhouse.tables (lab)", () => {
  it("lists default's tables with rows and bytes, market_ticks (written by enrichment-service) among them", async () => {
    const result = await runCheck(tablesCheck, labContext(), {});
    expect(result.verdict).toBe("ok");
    expect(result.summary).toMatch(/^\d+ tables? in default \(.*market_ticks [\d,]+ rows/);
    expect(result.data!.expected).toEqual(["market_ticks"]);
    const ticks = result.data!.tables.find((table) => table.name === "market_ticks");
    expect(ticks).toMatchObject({ engine: "MergeTree", exists: true });
    expect(ticks!.rows).toBeGreaterThan(5);
    expect(ticks!.bytes).toBeGreaterThan(1_000);
  });

  it("fails when a table the catalog's services write to is missing", async () => {
    const yaml = "services:\n  - name: enrichment-service\n    clickhouse:\n      tables: [market_ticks, enriched_ticks]\n";
    const result = await runCheck(tablesCheck, labContext({ yaml }), {});
    expect(result).toMatchObject({ verdict: "fail", summary: expect.stringMatching(/^missing: enriched_ticks; /), data: { missing: ["enriched_ticks"] } });
  });

  it("lists system's tables when asked, and refuses a database name that is not an identifier", async () => {
    const system = await runCheck(tablesCheck, labContext(), { database: "system" });
    expect(system.data!.tables.map((table) => table.name)).toEqual(expect.arrayContaining(["processes", "query_log", "parts"]));
    expect(await runCheck(tablesCheck, labContext(), { database: "default' OR '1'='1" })).toMatchObject({ verdict: "error", summary: expect.stringMatching(/^bad parameters: database/) });
  });
});
