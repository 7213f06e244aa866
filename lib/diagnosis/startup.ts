import "server-only";
import { CHECKS } from "@/lib/checks/registry";
import { PROCEDURE_CATALOGUE } from "./catalogue";
import { PROCEDURE_FILES } from "./procedures";
import { checkProblems } from "./validate-checks";

/**
 * Called once at server start (instrumentation.ts): a procedure naming an unknown check or
 * parameters its check refuses stops the console, naming the file and the field, instead
 * of failing in front of a responder mid-incident.
 */
export function assertProceduresRunnable(): void {
  const problems = PROCEDURE_FILES.flatMap(({ file }, index) => checkProblems(file, PROCEDURE_CATALOGUE[index]!, CHECKS));
  if (problems.length) throw new Error(`Guided-diagnosis procedures do not fit the checks:\n${problems.join("\n")}`);
}
