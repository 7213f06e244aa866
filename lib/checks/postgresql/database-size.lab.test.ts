import { describe, expect, it } from "vitest";
import { labContext } from "@/test/lab-catalog";
import { runCheck } from "../define-check";
import { databaseSizeCheck } from "./database-size";

describe("postgresql.database-size (lab)", () => {
  it("prints db's size as pg_size_pretty does", async () => {
    const result = await runCheck(databaseSizeCheck, labContext(), {});
    expect(result).toMatchObject({ verdict: "ok", summary: expect.stringMatching(/^db is \d+ (kB|MB)$/), data: { database: "db" } });
    expect(result.data!.bytes).toBeGreaterThan(1_000_000);
  });

  it("is a not_found error for a database that does not exist, and refuses a name that is not one", async () => {
    expect(await runCheck(databaseSizeCheck, labContext(), { database: "no_such_db" })).toMatchObject({
      verdict: "error",
      error: { kind: "not_found" },
      summary: 'not found: database "no_such_db" does not exist',
    });
    expect(await runCheck(databaseSizeCheck, labContext(), { database: "db'); DROP TABLE api_keys; --" })).toMatchObject({
      verdict: "error",
      summary: expect.stringMatching(/^bad parameters: database/),
    });
  });
});
