import type { Catalog } from "@/lib/config/catalog";
import { resolveTarget } from "@/lib/operations/targets";
import { OPERATION_TARGET_TYPES } from "@/lib/operations/types";
import type { Procedure } from "./definition";

/**
 * What is wrong between a procedure's operation steps and the catalog, each as
 * "file: field: problem": a target the catalog does not name, or one the operation does
 * not act on (a Helm rollback of a Deployment). Pure over the catalog it is given.
 */
export function operationProblems(file: string, procedure: Procedure, catalog: Catalog): string[] {
  return procedure.steps.flatMap((step, index) => {
    if (step.kind !== "operation") return [];
    const target = resolveTarget(catalog, step.target);
    if (!target) return [`${file}: steps[${index}].target: the catalog names no ${step.target}`];
    if (!OPERATION_TARGET_TYPES[step.operation].includes(target.type)) return [`${file}: steps[${index}].target: ${step.operation} does not act on a ${target.type} (${step.target})`];
    return [];
  });
}
