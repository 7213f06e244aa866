import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { actorLabel } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { announceChange } from "@/lib/incidents/live/timeline-bus";
import { findProcedure, findStep } from "./catalogue";
import { END } from "./definition";
import { branchAfter, runView } from "./engine";
import { resultJson } from "./run-json";
import type { StepResultJson } from "./types";

/** What an executed operation tells the run (lib/operations' OperationView, the fields a step result keeps). */
export interface OperationOutcome {
  id: string;
  kind: string;
  title: string;
  target: string;
  outcome: string;
  message: string;
  changed: unknown[];
  undo: unknown;
  actor: string;
  createdAt: string;
  finishedAt: string | null;
}

/**
 * An operation step's result: once the operation was executed (lib/operations), the run
 * records it like any other step — done, with the outcome as its verdict, the operation's
 * message as its summary and the branch to the step after it (the verify step) — so the
 * run's map shows it done and suggests what comes next. The operation itself is already on
 * the timeline (`operation` entry), so no evidence is written here. Recorded once per
 * operation: a second responder whose confirmation found the operation done adds nothing.
 */
export async function recordOperationStep(options: { db: Db; actor: Actor; incidentId: string; runId: string; stepId: string; operation: OperationOutcome; reason?: string }): Promise<StepResultJson | null> {
  const { db, actor, incidentId, runId, stepId, operation } = options;
  const recorded = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "DiagnosisRun" WHERE id = ${runId} FOR UPDATE`;
    const run = await tx.diagnosisRun.findUnique({ where: { id: runId }, include: { results: { orderBy: { id: "asc" } } } });
    if (!run || run.incidentId !== incidentId) throw new AppError("not_found", `No diagnosis run '${runId}' on this incident.`);
    const procedure = findProcedure(run.procedure);
    const step = procedure ? findStep(procedure, stepId) : undefined;
    if (!procedure || !step) throw new AppError("not_found", `No step '${stepId}' in this run's procedure.`);
    const results = run.results.map(resultJson);
    if (results.some((result) => (result.data as { operationId?: string } | null)?.operationId === operation.id)) return null;
    const own = results.filter((result) => result.step === stepId);
    const suggested = runView(procedure, results).next?.step ?? null;
    const offPath = suggested !== stepId;
    const branch = branchAfter(procedure, step, { verdict: operation.outcome });
    const started = new Date(operation.createdAt);
    const finished = operation.finishedAt ? new Date(operation.finishedAt) : new Date();
    const row = await tx.diagnosisStepResult.create({
      data: {
        runId,
        step: stepId,
        attempt: (own.at(-1)?.attempt ?? 0) + 1,
        status: "done",
        verdict: operation.outcome,
        summary: `${operation.title} ${operation.target}: ${operation.outcome}. ${operation.message}`.slice(0, 2_000),
        data: JSON.parse(JSON.stringify({ operationId: operation.id, kind: operation.kind, target: operation.target, outcome: operation.outcome, changed: operation.changed, undo: operation.undo, by: operation.actor })) as Prisma.InputJsonValue,
        params: step.kind === "operation" ? (step.params as Prisma.InputJsonValue) : undefined,
        branchTo: branch.goto,
        branchReason: branch.because,
        offPathFrom: offPath ? suggested : null,
        offPathReason: offPath ? (options.reason?.trim() || "operation done from its step") : null,
        // who executed it (a second responder's confirmation that found it done records the first one)
        ranBy: operation.actor,
        ranById: actor.kind === "user" && operation.actor === actorLabel(actor) ? actor.id : null,
        startedAt: started,
        durationMs: Math.max(0, finished.getTime() - started.getTime()),
        finishedAt: finished,
      },
    });
    await tx.diagnosisRun.update({ where: { id: runId }, data: { nextStep: branch.goto === END ? null : branch.goto, nextReason: branch.because, state: branch.goto === END ? "finished" : "active" } });
    return resultJson(row);
  });
  if (recorded) await announceChange(db, incidentId);
  return recorded;
}
