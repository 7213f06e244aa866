import { checksForCommand } from "@/lib/checks/checks-doc";
import type { AnyCheck } from "@/lib/checks/types";
import type { Procedure } from "./definition";

/**
 * What is wrong between a procedure and the check registry, each as "file: field: problem":
 * an unknown check, parameters its own zod schema refuses, a runbook command the check does
 * not replace. Pure over the list of checks it is given.
 */
export function checkProblems(file: string, procedure: Procedure, checks: readonly AnyCheck[]): string[] {
  const problems: string[] = [];
  procedure.steps.forEach((step, index) => {
    if (step.kind !== "check") return;
    const at = `${file}: steps[${index}]`;
    const check = checks.find((candidate) => candidate.id === step.check);
    if (!check) {
      problems.push(`${at}.check: unknown check "${step.check}"`);
      return;
    }
    const parsed = check.params.safeParse(step.params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`${at}.params.${issue?.path.join(".") || ""}: ${issue?.message ?? "invalid"} (parameters of ${check.id})`);
    }
    if (!checksForCommand(checks, step.command).some((found) => found.check.id === check.id))
      problems.push(`${at}.command: ${check.id} does not replace this runbook command`);
  });
  return problems;
}
