import "server-only";
import { AppError } from "@/lib/errors";
import { OPERATIONS } from "./registry";
import type { OperationRequest } from "./request";
import { resolveTarget } from "./targets";
import type { AnyOperation, OperationContext, OperationTarget } from "./types";

/** The operation, its catalog target and checked parameters for a request; 400 when any does not fit. */
export function resolveOperation(context: OperationContext, request: Pick<OperationRequest, "kind" | "target" | "params">): { definition: AnyOperation; target: OperationTarget; params: Record<string, unknown> } {
  const definition = OPERATIONS[request.kind];
  const target = resolveTarget(context.catalog, request.target);
  if (!target) throw new AppError("bad_request", `target: ${request.target} is not an object the catalog names (e.g. deployment/data-processing/normalization-service, pod/data-processing/<pod of a service>, release/data-processing/data-processing-pipeline, system/prometheus).`);
  if (!definition.accepts(target)) throw new AppError("bad_request", `target: ${request.kind} does not apply to ${target.type.toLowerCase()} ${target.name}.`);
  const parsed = definition.params.safeParse(request.params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", `params${issue?.path.length ? `.${issue.path.join(".")}` : ""}: ${issue?.message ?? "invalid"}`);
  }
  return { definition, target, params: parsed.data as Record<string, unknown> };
}
