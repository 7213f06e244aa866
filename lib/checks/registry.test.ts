import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROCEDURES } from "@/lib/runbooks/procedures";
import { checksForCommand, renderChecksDoc } from "./checks-doc";
import { CHECKS } from "./registry";

describe("the checks", () => {
  it("cover every diagnosis command of the runbook", () => {
    const uncovered = PROCEDURES.flatMap((procedure) => procedure.diagnosis.filter((command) => checksForCommand(CHECKS, command.command).length === 0).map((command) => `${procedure.id}: ${command.command}`));
    expect(uncovered).toEqual([]);
  });

  it("each name the runbook command it replaces, exactly as the runbook gives it", () => {
    const commands = new Set(PROCEDURES.flatMap((procedure) => procedure.diagnosis.map((command) => command.command)));
    const references = CHECKS.flatMap((check) => [check.runbook, ...(check.variants ?? [])].map((reference) => ({ id: check.id, ...reference })));
    expect(references.filter((reference) => !commands.has(reference.command)).map((reference) => reference.id)).toEqual([]);
    const inProcedure = (reference: { procedure: string; command: string }) =>
      PROCEDURES.find((procedure) => procedure.id === reference.procedure)?.diagnosis.some((command) => command.command === reference.command);
    expect(references.filter((reference) => !inProcedure(reference)).map((reference) => `${reference.id} → ${reference.procedure}`)).toEqual([]);
  });

  it("have unique ids that say where they live", () => {
    const ids = CHECKS.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of CHECKS) expect(check.id).toMatch(/^[a-z]+\.[a-z0-9-]+$/);
  });

  it("run with the parameters their variants give", () => {
    for (const check of CHECKS) for (const variant of check.variants ?? []) expect(check.params.safeParse(variant.params).success, `${check.id} ${JSON.stringify(variant.params)}`).toBe(true);
  });

  it("are listed in docs/checks.md as generated (npm run docs:checks)", () => {
    const file = readFileSync(path.join(process.cwd(), "docs/checks.md"), "utf8");
    expect(file).toBe(renderChecksDoc(CHECKS, PROCEDURES));
  });
});
