import "server-only";
import { AppError } from "@/lib/errors";
import type { OperationStep } from "./definition";
import type { StepRunner } from "./step-runners";

/**
 * An `operation` step is not pressed like a check: it is previewed with `{dryRun: true}` and
 * executed with `{confirm, idempotencyKey}` (lib/operations/run-operation-step.ts), which
 * records it as an operation of the incident. A plain press is refused before anything is
 * claimed, so a run never records an operation that did not happen.
 */
export const operationStepRunner: StepRunner<OperationStep> = {
  prepare(step) {
    throw new AppError("bad_request", `"${step.title}" is an operation (${step.operation} ${step.target}): preview it with {"dryRun": true}, then execute it with {"confirm": "<name>", "idempotencyKey": "<from the preview>"}.`);
  },
};
