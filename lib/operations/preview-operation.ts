import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { authorizeOperation, openIncident } from "./authorize";
import { operationContext, runChecks } from "./context";
import { suggestedKey, type OperationRequest } from "./request";
import { resolveOperation } from "./resolve";
import { OPERATION_PERMISSIONS, OPERATION_TITLES, type OperationContext, type OperationKind, type OperationTarget, type PreviewBody, type VerifyCheck } from "./types";
import type { CheckSnapshot } from "./verification";

/** A preview as the browser and the API get it: what would change, beside the live context. */
export interface OperationPreview {
  kind: OperationKind;
  title: string;
  permission: string;
  target: OperationTarget;
  params: Record<string, unknown>;
  summary: string;
  changes: PreviewBody["changes"];
  context: PreviewBody["context"];
  /** the checks that will verify it, as they read now */
  checks: CheckSnapshot[];
  priorState: Record<string, unknown>;
  disabled: string | null;
  warnings: string[];
  /** send it back with the confirmation: two responders confirming this preview execute it once */
  idempotencyKey: string;
}

/**
 * The dry run of an operation: the API server's `dryRun=All` answer diffed against the
 * object now (for Helm, the manifests of the two revisions), the live facts that matter,
 * and the verification checks as they read before. Writes nothing; a refusal is audited.
 */
export async function previewOperation(options: { db: Db; actor: Actor; incidentId: string; request: Pick<OperationRequest, "kind" | "target" | "params">; context?: OperationContext; verify?: VerifyCheck[] }): Promise<OperationPreview> {
  const { db, actor, incidentId, request } = options;
  await authorizeOperation(db, actor, request.kind, incidentId, request.target);
  await openIncident(db, incidentId);
  const context = options.context ?? operationContext();
  const { definition, target, params } = resolveOperation(context, request);
  const [preview, checks] = await Promise.all([definition.preview(context, target, params), runChecks(context, target, options.verify ?? definition.verify(context, target))]);
  if (!preview.ok) throw new AppError("unavailable", `The preview failed, nothing was changed: ${preview.error.kind.replace("_", " ")}: ${preview.error.message}`);
  return {
    kind: definition.kind,
    title: OPERATION_TITLES[definition.kind],
    permission: OPERATION_PERMISSIONS[definition.kind],
    target,
    params,
    summary: preview.value.summary,
    changes: preview.value.changes,
    context: preview.value.context,
    checks,
    priorState: preview.value.priorState,
    disabled: preview.value.disabled ?? null,
    warnings: preview.value.warnings ?? [],
    idempotencyKey: suggestedKey({ incidentId, kind: definition.kind, target: target.id, params, version: preview.value.version }),
  };
}
