import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { actorLabel, recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { announceChange } from "@/lib/incidents/live/timeline-bus";
import { recordEvidence } from "@/lib/incidents/record-evidence";
import { appendTimeline } from "@/lib/incidents/timeline";
import { boundData } from "./bound-data";
import { findProcedure, findStep } from "./catalogue";
import { END } from "./definition";
import { branchAfter, runView } from "./engine";
import { resultJson } from "./run-json";
import { prepareStep, type StepExecution } from "./step-runners";
import type { StepResultJson } from "./types";

export const runStepInput = z
  .object({
    params: z.record(z.string(), z.unknown()).optional(),
    answer: z.string().max(100).optional(),
    ticked: z.array(z.string().max(500)).max(50).optional(),
    /** why the responder takes this step instead of the suggested one */
    reason: z.string().trim().max(2_000).optional(),
    /**
     * The attempt this press makes (the results the responder saw + 1). Two presses of the
     * same attempt are one execution: the second is told who ran it instead of running again.
     */
    attempt: z.number().int().positive().optional(),
  })
  .strict();

/** A claim older than this is a press whose process died mid-step: it no longer blocks the step. */
const STALE_CLAIM_MS = 5 * 60_000;

/**
 * Runs one step of a run: validates the input (bad parameters or answers are refused before
 * anything runs), claims the step (one execution per press, however many responders press
 * at once), runs it, stores the result with the branch it chooses, and writes it to the
 * incident's timeline as evidence. A backend that is down is an `error` verdict and the
 * run goes on. Re-running a step adds an attempt; earlier results stay.
 */
export async function runStep(options: { db: Db; actor: Actor; incidentId: string; runId: string; stepId: string; input: z.input<typeof runStepInput> }): Promise<StepResultJson> {
  const input = validate(runStepInput, options.input ?? {}, "Invalid step input");
  const { db, actor, incidentId, runId, stepId } = options;
  const run = await db.diagnosisRun.findUnique({ where: { id: runId }, include: { results: { orderBy: { id: "asc" } } } });
  if (!run || run.incidentId !== incidentId) throw new AppError("not_found", `No diagnosis run '${runId}' on this incident.`);
  const procedure = findProcedure(run.procedure);
  if (!procedure) throw new AppError("not_found", `The procedure '${run.procedure}' of this run no longer exists.`);
  const step = findStep(procedure, stepId);
  if (!step) throw new AppError("not_found", `No step '${stepId}' in ${procedure.title}; its steps are ${procedure.steps.map((candidate) => candidate.id).join(", ")}.`);
  const prepared = prepareStep(step, input, { earlier: run.results.map(resultJson), steps: procedure.steps, service: run.service });

  // The claim: the run row is locked so two presses are ordered; the unique (run, step, attempt) backs it up.
  let claim;
  try {
    claim = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "DiagnosisRun" WHERE id = ${runId} FOR UPDATE`;
      const results = (await tx.diagnosisStepResult.findMany({ where: { runId }, orderBy: { id: "asc" } })).map(resultJson);
      const own = results.filter((result) => result.step === stepId);
      const latest = own.at(-1);
      if (latest?.status === "running" && Date.now() - Date.parse(latest.startedAt) < STALE_CLAIM_MS)
        throw new AppError("conflict", `${latest.ranBy} is running "${step.title}" right now; its result will appear here, no need to run it twice.`);
      if (input.attempt !== undefined && latest && latest.attempt >= input.attempt)
        throw new AppError("conflict", `${latest.ranBy} already ran "${step.title}" (attempt ${latest.attempt}); its result is shown. Run it again to add another attempt.`);
      const suggested = runView(procedure, results).next?.step ?? null;
      const offPath = suggested !== stepId;
      if (offPath && own.length === 0 && !input.reason)
        throw new AppError("bad_request", `reason: the suggested step is ${suggested ? `"${findStep(procedure, suggested)?.title}"` : "none (the run is finished)"}; say why you take "${step.title}" instead.`);
      return tx.diagnosisStepResult.create({
        data: {
          runId,
          step: stepId,
          attempt: (latest?.attempt ?? 0) + 1,
          status: "running",
          params: (prepared.params ?? undefined) as Prisma.InputJsonValue | undefined,
          offPathFrom: offPath ? suggested : null,
          offPathReason: offPath ? (input.reason ?? "re-run") : null,
          ranBy: actorLabel(actor),
          ranById: actor.kind === "user" ? actor.id : null,
        },
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError("conflict", `Someone else pressed "${step.title}" at the same moment; their result will appear here.`);
    throw error;
  }
  await announceChange(db, incidentId);

  const started = performance.now();
  let execution: StepExecution;
  try {
    execution = await prepared.execute();
  } catch (error) {
    // Checks never throw; anything else is a bug, recorded as an error so the run is not stuck on "running".
    const at = new Date().toISOString();
    const message = error instanceof AppError ? error.userMessage : "the step failed unexpectedly";
    execution = { verdict: "error", summary: message, data: null, params: prepared.params, answer: null, evidence: null, window: { from: at, to: at } };
  }
  const durationMs = Math.round(performance.now() - started);
  const data = boundData(execution.data);
  const branch = branchAfter(procedure, step, { verdict: execution.verdict, data, answer: execution.answer });

  const finished = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "DiagnosisRun" WHERE id = ${runId} FOR UPDATE`;
    const row = await tx.diagnosisStepResult.update({
      where: { id: claim.id },
      data: {
        status: "done",
        verdict: execution.verdict,
        summary: execution.summary,
        data: (data ?? Prisma.JsonNull) as Prisma.InputJsonValue,
        answer: execution.answer,
        branchTo: branch.goto,
        branchReason: branch.because,
        durationMs,
        finishedAt: new Date(),
      },
    });
    await tx.diagnosisRun.update({ where: { id: runId }, data: { nextStep: branch.goto === END ? null : branch.goto, nextReason: branch.because, state: branch.goto === END ? "finished" : "active" } });
    for (const line of execution.ticked ?? [])
      await appendTimeline(tx, { incidentId, kind: "checklist", actor, body: `Done: ${line} (${procedure.title}, guided diagnosis)`, data: { run: runId, step: stepId, line, done: true } });
    if (execution.ticked?.length)
      await recordAudit(tx, { actor, action: "diagnosis.checklist", outcome: "ok", targetType: "incident", targetId: incidentId, after: { run: runId, step: stepId, ticked: execution.ticked } });
    return row;
  });

  if (execution.evidence) {
    const event = await recordEvidence({
      db,
      actor,
      incidentId,
      evidence: {
        check: execution.evidence.check,
        verdict: execution.verdict as never,
        summary: execution.summary,
        ...(execution.evidence.command ? { command: execution.evidence.command } : {}),
        ...(execution.params ? { params: execution.params } : {}),
        window: execution.window,
        run: { id: runId, procedure: procedure.id, step: stepId, stepTitle: step.title, attempt: claim.attempt },
        ...(data !== null ? { detail: data as Prisma.InputJsonValue } : {}),
      },
    });
    const linked = await db.diagnosisStepResult.update({ where: { id: finished.id }, data: { timelineEventId: event.id } });
    return resultJson(linked);
  }
  await announceChange(db, incidentId);
  return resultJson(finished);
}
