import { describe, expect, it } from "vitest";
import { PROCEDURES } from "@/lib/runbooks/procedures";
import { clickhouseChecks } from "./index";

describe("ClickHouse checks", () => {
  it("carry their runbook command exactly as the runbook gives it", () => {
    for (const check of clickhouseChecks) {
      const procedure = PROCEDURES.find((entry) => entry.id === check.runbook.procedure);
      expect(procedure?.diagnosis, check.id).toContainEqual({ purpose: check.runbook.purpose, command: check.runbook.command });
      expect(check.id.startsWith("clickhouse.")).toBe(true);
    }
    expect(new Set(clickhouseChecks.map((check) => check.id)).size).toBe(clickhouseChecks.length);
  });
});
