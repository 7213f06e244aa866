import { describe, expect, it } from "vitest";
import { PROCEDURES } from "@/lib/runbooks/procedures";
import { kafkaChecks } from "./index";

describe("kafka checks", () => {
  it("carry their runbook command exactly as the runbook gives it", () => {
    for (const check of kafkaChecks) {
      const procedure = PROCEDURES.find((entry) => entry.id === check.runbook.procedure);
      expect(procedure?.diagnosis, check.id).toContainEqual({ purpose: check.runbook.purpose, command: check.runbook.command });
      expect(check.id.startsWith("kafka.")).toBe(true);
    }
  });

  it("cover every Kafka tool command of the runbook", () => {
    const commands = PROCEDURES.flatMap((procedure) => procedure.diagnosis.map((entry) => entry.command)).filter((command) => /kafka-[a-z-]+\.sh/.test(command));
    expect(commands.filter((command) => !kafkaChecks.some((check) => check.runbook.command === command))).toEqual([]);
  });
});
