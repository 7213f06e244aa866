import { parseProcedure, type Procedure, type Step } from "./definition";
import { graphProblems } from "./engine";
import { PROCEDURE_FILES } from "./procedures";

/**
 * The procedures, parsed and their graphs checked once when this module loads: a definition
 * that does not fit stops whatever imports it (start-up included), naming the file and the
 * field. Pure; the checks a procedure names are verified against the registry by
 * `validateProcedureChecks` (server start and a unit test).
 */
export function loadProcedures(files: readonly { file: string; definition: unknown }[]): Procedure[] {
  return files.map(({ file, definition }) => {
    const procedure = parseProcedure(file, definition);
    const expected = file.split("/").pop()!.replace(/\.ts$/, "");
    if (procedure.id !== expected) throw new Error(`${file}: id: "${procedure.id}" must match the file name ("${expected}")`);
    const problems = graphProblems(procedure);
    if (problems.length) throw new Error(`${file}: ${problems.join("; ")}`);
    return procedure;
  });
}

export const PROCEDURE_CATALOGUE: readonly Procedure[] = loadProcedures(PROCEDURE_FILES);

export function findProcedure(id: string): Procedure | undefined {
  return PROCEDURE_CATALOGUE.find((procedure) => procedure.id === id);
}

export function findStep(procedure: Procedure, stepId: string): Step | undefined {
  return procedure.steps.find((step) => step.id === stepId);
}

/** The runbook command a step replaces, when it has one. */
export function stepCommand(step: Step): string | undefined {
  return step.kind === "check" || step.kind === "operation" ? step.command : undefined;
}
