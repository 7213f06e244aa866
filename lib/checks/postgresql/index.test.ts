import { describe, expect, it } from "vitest";
import { PROCEDURES } from "@/lib/runbooks/procedures";
import { postgresqlChecks } from "./index";

describe("PostgreSQL checks", () => {
  it("carry their runbook command exactly as the runbook gives it", () => {
    for (const check of postgresqlChecks) {
      const procedure = PROCEDURES.find((entry) => entry.id === check.runbook.procedure);
      expect(procedure?.diagnosis, check.id).toContainEqual({ purpose: check.runbook.purpose, command: check.runbook.command });
      expect(check.id.startsWith("postgresql.")).toBe(true);
    }
    expect(new Set(postgresqlChecks.map((check) => check.id)).size).toBe(postgresqlChecks.length);
  });
});
