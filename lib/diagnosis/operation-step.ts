import "server-only";
import { AppError } from "@/lib/errors";
import type { OperationStep } from "./definition";
import type { StepRunner } from "./step-runners";

/**
 * Extension point for the operations issue (lib/operations): an `operation` step in a
 * procedure ({kind: "operation", operation: "restart", target: {...}}) is accepted by the
 * definition format today; running it is this runner's job. Until operations exist it
 * refuses, before anything is claimed, so a run never records an operation that did not happen.
 */
export const operationStepRunner: StepRunner<OperationStep> = {
  prepare(step) {
    throw new AppError("conflict", `"${step.title}" is an operation (${step.operation}); the console cannot run operations yet. Do it by hand and note it on the timeline.`);
  },
};
