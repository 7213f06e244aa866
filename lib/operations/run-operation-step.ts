import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { findProcedure, findStep } from "@/lib/diagnosis/catalogue";
import { recordOperationStep } from "@/lib/diagnosis/record-operation-step";
import { serviceNamedBySymptom } from "@/lib/diagnosis/symptom-service";
import { AppError } from "@/lib/errors";
import { operationContext } from "./context";
import { executeOperation } from "./execute-operation";
import { previewOperation } from "./preview-operation";
import { aimTarget } from "./targets";
import type { OperationContext, VerifyCheck } from "./types";

/** The body of `POST /api/v1/incidents/:id/runs/:run/steps/:step` for an operation step. */
export const operationStepBody = z
  .object({
    dryRun: z.boolean().optional(),
    confirm: z.string().max(300).optional(),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_.:-]{8,200}$/).optional(),
    /** why the responder does this operation when the run suggests another step */
    reason: z.string().trim().max(2_000).optional(),
  })
  .strict()
  .refine((body) => body.dryRun === true || (body.confirm !== undefined && body.idempotencyKey !== undefined), { message: 'send "dryRun": true for a preview, or "confirm" and "idempotencyKey" to execute', path: ["confirm"] });

/** Whether a step request is for an operation (the diagnosis route hands these here). */
export function isOperationStepBody(body: unknown): boolean {
  return Boolean(body && typeof body === "object" && ("dryRun" in body || "confirm" in body || "idempotencyKey" in body));
}

/**
 * An operation step of a guided-diagnosis run: the step names the operation, its catalog
 * target (a service's Deployment aimed at the run's service, or at the service its symptom
 * names) and parameters; `verify` names
 * the run's check steps that found the symptom, whose checks (with the parameters they ran
 * with) become the operation's before/after. Preview and execution are the same use cases
 * as the incident's own operations; an execution is then recorded as the step's result
 * (done, with the outcome), so the run moves on to the step after it (the verify step).
 */
export async function runOperationStep(options: { db: Db; actor: Actor; incidentId: string; runId: string; stepId: string; body: z.input<typeof operationStepBody>; context?: OperationContext }) {
  const parsed = operationStepBody.safeParse(options.body);
  if (!parsed.success) throw new AppError("bad_request", `${parsed.error.issues[0]?.path.join(".") || "body"}: ${parsed.error.issues[0]?.message ?? "invalid"}; nothing was done.`);
  const body = parsed.data;
  const { db, actor, incidentId, runId, stepId } = options;
  const run = await db.diagnosisRun.findUnique({ where: { id: runId }, include: { results: { orderBy: { id: "asc" } } } });
  if (!run || run.incidentId !== incidentId) throw new AppError("not_found", `No diagnosis run '${runId}' on this incident.`);
  const procedure = findProcedure(run.procedure);
  const step = procedure ? findStep(procedure, stepId) : undefined;
  if (!procedure || !step) throw new AppError("not_found", `No step '${stepId}' in this run's procedure.`);
  if (step.kind !== "operation") throw new AppError("bad_request", `"${step.title}" is a ${step.kind} step, not an operation.`);

  const verify: VerifyCheck[] = step.verify.flatMap((id) => {
    const source = procedure.steps.find((candidate) => candidate.id === id);
    if (source?.kind !== "check") return [];
    const ran = [...run.results].reverse().find((result) => result.step === id && result.params);
    return [{ check: source.check, params: { ...source.params, ...((ran?.params ?? {}) as Record<string, unknown>) } }];
  });
  const context = options.context ?? operationContext();
  // The run's service, else (a run from a system's panel) the one service its symptom names: the exporter that stopped.
  const service = run.service ?? serviceNamedBySymptom(step, run.results, context.catalog.services.map((entry) => entry.name));
  const request = { kind: step.operation, target: aimTarget(context.catalog, step.target, service), params: step.params };
  if (body.dryRun) return previewOperation({ db, actor, incidentId, request, context, verify: verify.length ? verify : undefined });
  const executed = await executeOperation({ db, actor, incidentId, request: { ...request, confirm: body.confirm, idempotencyKey: body.idempotencyKey }, context, verify: verify.length ? verify : undefined, run: { runId, step: stepId } });
  // A duplicate of an execution this run never recorded (confirmed from the Act panel with the same preview) still completes the step.
  if (executed.operation.outcome !== "running") await recordOperationStep({ db, actor, incidentId, runId, stepId, operation: executed.operation, reason: body.reason });
  return executed;
}
