import { describe, expect, it } from "vitest";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { queryLogCheck } from "./query-log";

describe("clickhouse.query-log (lab)", () => {
  it("shows today's latest queries, newest first, with the application that sent them", async () => {
    const result = await runCheck(queryLogCheck, labContext(), {});
    expect(["ok", "warn"]).toContain(result.verdict);
    const more = await runCheck(queryLogCheck, labContext(), { limit: 60 });
    expect(result.summary).toMatch(/latest at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const times = result.data!.queries.map((entry) => entry.eventTime);
    expect(times).toHaveLength(10);
    expect(times).toEqual([...times].sort().reverse());
    // The enrichment service inserts every second (the console's own queries may crowd the latest 10).
    expect(more.data!.queries.some((entry) => entry.client === "enrichment-service" && entry.query.startsWith("INSERT INTO market_ticks"))).toBe(true);
  });

  it("warns about a query that failed recently, quoting the exception", async () => {
    // Another client (not the console, whose own failures are left out) sends a query that fails.
    const response = await fetch("http://127.0.0.1:58123/", { method: "POST", body: "SELECT * FROM lab_test_missing_table_for_query_log" });
    expect(response.status).toBe(404);
    let result = await runCheck(queryLogCheck, labContext(), { minutes: 1 });
    for (let attempt = 0; attempt < 10 && result.verdict !== "warn"; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      result = await runCheck(queryLogCheck, labContext(), { minutes: 1 });
    }
    expect(result.verdict).toBe("warn");
    expect(result.summary).toMatch(/^\d+ failed quer(y|ies) in the last 1 min \(latest: .+ \(code \d+\)\); latest at /);
    expect(result.data!.failedRecently).toBeGreaterThanOrEqual(1);
    expect(result.data!.latestException).toMatch(/^Code: \d+/);
  });
});
