import { describe, expect, it } from "vitest";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { slowQueriesCheck } from "./slow-queries";

describe("postgresql.slow-queries (lab)", () => {
  it("lists statements by total_exec_time (PostgreSQL 15), the services' API key lookup among them", async () => {
    const result = await runCheck(slowQueriesCheck, labContext(), {});
    expect(result.verdict).toBe("ok");
    expect(result.summary).toMatch(/^top: [\d.]+ m?s in [\d,]+ calls \(mean [\d.]+ m?s\) — /);
    const statements = result.data!.statements;
    expect(statements.length).toBeGreaterThan(1);
    expect(statements.map((statement) => statement.totalMs)).toEqual(statements.map((statement) => statement.totalMs).sort((a, b) => b - a));
    expect(statements.some((statement) => statement.query.includes("api_keys") && statement.calls > 1)).toBe(true);
  });

  it("is skipped with the reason when pg_stat_statements is not installed (the lab's postgres database has none)", async () => {
    const context = labContext({ overrides: { PIPELINE_DATABASE_URL: "postgresql://user:pipeline@127.0.0.1:55432/postgres" } });
    expect(await runCheck(slowQueriesCheck, context, {})).toMatchObject({
      verdict: "skipped",
      summary: expect.stringContaining("pg_stat_statements extension is not installed"),
      data: null,
    });
  });
});
