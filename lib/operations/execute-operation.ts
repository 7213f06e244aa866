import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { actorLabel, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { announceChange } from "@/lib/incidents/live/timeline-bus";
import { appendTimeline } from "@/lib/incidents/timeline";
import { authorizeOperation, openIncident } from "./authorize";
import { operationContext, runChecks } from "./context";
import { showValue } from "./diff";
import type { OperationRequest } from "./request";
import { resolveOperation } from "./resolve";
import { OPERATION_TITLES, type ExecutionResult, type OperationContext, type VerifyCheck } from "./types";
import { operationView, type OperationView } from "./views";

const json = (value: unknown) => JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;

export interface ExecuteOutcome {
  operation: OperationView;
  /** true: this key was executed before (a double click, a second responder); nothing was done now */
  duplicate: boolean;
  /** for the second responder: who did it, when, with what outcome */
  message: string;
}

function duplicateOf(row: Parameters<typeof operationView>[0]): ExecuteOutcome {
  const view = operationView(row);
  const state = view.outcome === "running" ? "is executing it now" : `executed it at ${view.createdAt} (${view.outcome})`;
  return { operation: view, duplicate: true, message: `Already done: ${view.actor} ${state}. Nothing was done again.` };
}

/**
 * Executes an operation after the responder typed the object's name. In order: the level
 * (refusals audited), the open incident, the catalog target, the typed name; a key seen
 * before returns the first execution; a fresh dry run captures the prior state; the
 * verification checks are read (before); the row is inserted (its unique key is the lock
 * that lets exactly one of two racing confirmations through); the change is made; the
 * outcome — exactly what changed and what did not — goes to the row, the incident's
 * timeline and the audit log in one transaction.
 */
export async function executeOperation(options: {
  db: Db;
  actor: Actor;
  incidentId: string;
  request: OperationRequest;
  context?: OperationContext;
  /** the checks that found the symptom (a diagnosis run passes its own); default: the operation's */
  verify?: VerifyCheck[];
  run?: { runId: string; step: string };
}): Promise<ExecuteOutcome> {
  const { db, actor, incidentId, request } = options;
  await authorizeOperation(db, actor, request.kind, incidentId, request.target);
  await openIncident(db, incidentId);
  const context = options.context ?? operationContext();
  const { definition, target, params } = resolveOperation(context, request);
  if (request.confirm !== target.confirmName) throw new AppError("bad_request", `confirm: type ${target.confirmName} exactly to confirm.`);
  const idempotencyKey = request.idempotencyKey!;

  const seen = await db.operation.findUnique({ where: { idempotencyKey } });
  if (seen) {
    if (seen.incidentId !== incidentId) throw new AppError("conflict", "This idempotency key belongs to another incident's operation.");
    return duplicateOf(seen);
  }

  const verify = options.verify ?? definition.verify(context, target);
  const [preview, before] = await Promise.all([definition.preview(context, target, params), runChecks(context, target, verify)]);
  if (preview.ok && preview.value.disabled) {
    await recordAudit(db, { actor, action: `operation.${definition.kind}`, outcome: "failed", targetType: "incident", targetId: incidentId, detail: `${target.id}: ${preview.value.disabled}` });
    throw new AppError("conflict", `${OPERATION_TITLES[definition.kind]} cannot be done: ${preview.value.disabled}`);
  }

  let row;
  try {
    row = await db.operation.create({
      data: {
        incidentId,
        kind: definition.kind,
        target: target.id,
        params: json(params),
        preview: preview.ok ? json({ summary: preview.value.summary, changes: preview.value.changes }) : undefined,
        priorState: preview.ok ? json(preview.value.priorState) : undefined,
        verification: json({ before, checks: verify }),
        actorId: actor.kind === "system" ? null : actor.id,
        actor: actorLabel(actor),
        idempotencyKey,
        undoOf: request.undoOf ?? null,
        runId: options.run?.runId ?? null,
        step: options.run?.step ?? null,
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    const first = await db.operation.findUnique({ where: { idempotencyKey } });
    if (!first) throw error;
    return duplicateOf(first);
  }

  let result: ExecutionResult;
  if (!preview.ok) {
    result = { outcome: "failed", message: `${preview.error.kind.replace("_", " ")}: ${preview.error.message}. Nothing was changed.`, changed: [], notChanged: [target.id], error: preview.error };
  } else {
    try {
      result = await definition.execute(context, target, params, preview.value);
    } catch (error) {
      // A bug, not an expected failure: record it as unknown rather than leave the row running.
      result = { outcome: "failed", message: `The console failed while executing (${error instanceof Error ? error.name : "error"}); whether anything changed is unknown: check ${target.id}.`, changed: [], notChanged: [] };
    }
  }
  const undo = result.outcome !== "failed" && preview.ok ? definition.undo(target, params, preview.value.priorState) : null;

  const finished = await db.$transaction(async (tx) => {
    const updated = await tx.operation.update({
      where: { id: row.id },
      data: { outcome: result.outcome, result: json({ message: result.message, changed: result.changed, notChanged: result.notChanged, error: result.error ?? null, output: result.output ?? null, undo }), finishedAt: new Date() },
    });
    const changedText = result.changed.length ? ` Changed: ${result.changed.map((c) => `${c.path} ${showValue(c.before)} → ${showValue(c.after)}`).join("; ")}.` : "";
    await appendTimeline(tx, {
      incidentId,
      kind: "operation",
      actor,
      body: `${OPERATION_TITLES[definition.kind]} ${target.id}: ${result.outcome}. ${result.message}${result.outcome === "succeeded" ? changedText : ""}${undo ? ` Undo: ${undo.summary}.` : ""}`,
      data: json({ phase: "execute", operationId: row.id, kind: definition.kind, target: target.id, params, outcome: result.outcome, changed: result.changed, notChanged: result.notChanged, priorState: preview.ok ? preview.value.priorState : null, undo, before }),
    });
    await recordAudit(tx, {
      actor,
      action: `operation.${definition.kind}`,
      outcome: result.outcome === "succeeded" ? "ok" : "failed",
      targetType: "incident",
      targetId: incidentId,
      before: preview.ok ? json(preview.value.priorState) : undefined,
      after: json({ target: target.id, params, outcome: result.outcome, changed: result.changed.map((c) => c.path) }),
      detail: result.message.slice(0, 500),
    });
    return updated;
  });
  await announceChange(db, incidentId);
  return { operation: operationView(finished), duplicate: false, message: result.message };
}
