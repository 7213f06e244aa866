import { describe, expect, it } from "vitest";
import { PROCEDURES } from "@/lib/runbooks/procedures";
import { redisChecks } from "./index";

describe("Redis checks", () => {
  it("carry their runbook command exactly as the runbook gives it", () => {
    for (const check of redisChecks) {
      const procedure = PROCEDURES.find((entry) => entry.id === check.runbook.procedure);
      expect(procedure?.diagnosis, check.id).toContainEqual({ purpose: check.runbook.purpose, command: check.runbook.command });
      expect(check.id.startsWith("redis.")).toBe(true);
    }
    expect(new Set(redisChecks.map((check) => check.id)).size).toBe(redisChecks.length);
  });
});
