import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { validate } from "@/lib/validation";
import { actorLabel } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { boundData } from "./bound-data";
import { findProcedure, findStep } from "./catalogue";
import { END } from "./definition";
import { branchAfter, runView } from "./engine";
import { resultJson } from "./run-json";
import { claimStep, type StepClaim } from "./claim-step";
import { recordStepResult } from "./record-step-result";
import { readRunForStep } from "./read-run";
import { knownRun, rememberRun } from "./run-heads";
import { prepareStep, type PreparedStep, type ProgressSink, type StepExecution } from "./step-runners";
import type { StepProgress, StepResultJson } from "./types";

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
 * How long a step runs before it is claimed. Most checks answer in 2–50 ms: claiming them
 * would add a write (and its work on the event loop) to every press for a "running" state no
 * one has time to see (`npm run bench -- steps`). Longer steps (log scans, verifies, a backend
 * at its deadline) are claimed, stream progress, and refuse a second press while they run.
 */
const CLAIM_AFTER_MS = 50;

/** Whether the step finished within `ms` (it never rejects: execute() turns failures into verdicts). */
async function finishesWithin(execution: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([execution.then(() => true), elapsed]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs one step of a run: validates the input (bad parameters or answers are refused before
 * anything runs), claims the step (one execution per press, however many responders press
 * at once), runs it, stores the result with the branch it chooses, and writes it to the
 * incident's timeline as evidence. A backend that is down is an `error` verdict and the
 * run goes on. Re-running a step adds an attempt; earlier results stay.
 *
 * Two round trips for a step that answers within CLAIM_AFTER_MS (`npm run bench -- steps`):
 * the run's read (one query; a check of a run this process has seen already runs meanwhile), then the result with its claim, evidence, audit
 * and notification in one statement; a longer step adds its claim, written while it runs.
 */
export async function runStep(options: StepPress): Promise<StepResultJson> {
  const key = `${options.runId}\n${options.stepId}`;
  const alone = !pressing.has(key);
  pressing.set(key, (pressing.get(key) ?? 0) + 1);
  try {
    return await press(options, alone);
  } finally {
    const left = pressing.get(key)! - 1;
    if (left) pressing.set(key, left);
    else pressing.delete(key);
  }
}

interface StepPress {
  db: Db;
  actor: Actor;
  incidentId: string;
  runId: string;
  stepId: string;
  input: z.input<typeof runStepInput>;
  /** told the step's progress while it runs (lib/diagnosis/step-stream.ts streams it) */
  onProgress?: (progress: StepProgress) => void;
}

/**
 * Presses under way in this process, per run and step. A second press of a step already being
 * pressed here reads the run before it runs anything: it is most likely refused (409), and a
 * check started early would run to its end for nothing (checks cannot be cancelled).
 */
const pressing = new Map<string, number>();

async function press(options: StepPress, mayStartEarly: boolean): Promise<StepResultJson> {
  const input = validate(runStepInput, options.input ?? {}, "Invalid step input");
  const { db, actor, incidentId, runId, stepId } = options;
  // Progress waits for the claim: a press that loses it must not have streamed a start.
  let claimed = false;
  let early: string | null = null;
  let started = performance.now();
  const tell = (text: string) => options.onProgress?.({ text, elapsedMs: Math.round(performance.now() - started) });
  const sink: ProgressSink | undefined = options.onProgress && ((text) => (claimed ? tell(text) : (early = text)));
  // A check of a run this process has seen starts while the run is read: the run's head (its
  // procedure and service, all the check's parameters depend on) never changes, and the read
  // still decides whether the press stands; if it does not, the check only read.
  const head = mayStartEarly ? knownRun(runId) : undefined;
  const headProcedure = head?.incidentId === incidentId ? findProcedure(head.procedure) : undefined;
  const headStep = headProcedure && findStep(headProcedure, stepId);
  // Only checks: their parameters come from the step, the press and the service, never from earlier results.
  const speculative = headStep?.kind === "check" ? prepareStep(headStep, input, { earlier: [], steps: headProcedure!.steps, service: head!.service }) : null;
  const speculation = speculative && { execution: execute(speculative, sink), started, startedAt: new Date() };

  const read = await readRunForStep(db, runId);
  if (!read || read.head.incidentId !== incidentId) throw new AppError("not_found", `No diagnosis run '${runId}' on this incident.`);
  const { head: run, results: rows } = read;
  rememberRun(runId, run);
  const procedure = findProcedure(run.procedure);
  if (!procedure) throw new AppError("not_found", `The procedure '${run.procedure}' of this run no longer exists.`);
  const step = findStep(procedure, stepId);
  if (!step) throw new AppError("not_found", `No step '${stepId}' in ${procedure.title}; its steps are ${procedure.steps.map((candidate) => candidate.id).join(", ")}.`);
  let results = rows.map(resultJson);
  let own = results.filter((result) => result.step === stepId);
  let latest = own.at(-1);
  if (latest?.status === "running" && wasInterrupted(latest, runId, actor, mayStartEarly)) {
    // Its press ended without recording a result: it is taken back, and this press takes its attempt.
    await db.diagnosisStepResult.deleteMany({ where: { runId, step: stepId, attempt: latest.attempt, status: "running" } });
    interrupted.delete(attemptKey(runId, stepId, latest.attempt));
    const gone = latest;
    results = results.filter((result) => result !== gone);
    own = own.slice(0, -1);
    latest = own.at(-1);
  }
  const prepared = speculative ?? prepareStep(step, input, { earlier: results, steps: procedure.steps, service: run.service });

  if (latest?.status === "running" && Date.now() - Date.parse(latest.startedAt) < STALE_CLAIM_MS) throw runningConflict(latest.ranBy, step.title);
  if (input.attempt !== undefined && latest && latest.attempt >= input.attempt) throw ranConflict(latest.ranBy, step.title, latest.attempt);
  const suggested = runView(procedure, results).next?.step ?? null;
  const offPath = suggested !== stepId;
  if (offPath && own.length === 0 && !input.reason)
    throw new AppError("bad_request", `reason: the suggested step is ${suggested ? `"${findStep(procedure, suggested)?.title}"` : "none (the run is finished)"}; say why you take "${step.title}" instead.`);
  const attempt = (latest?.attempt ?? 0) + 1;

  // The step starts before anything is written: every kind run here only reads (operations
  // go through lib/operations, never here), so a press that loses the step has changed
  // nothing, and its result is dropped unrecorded. What decides between presses that read
  // the same results is the unique (run, step, attempt): of two inserts, one wins. A step
  // still running after CLAIM_AFTER_MS inserts its attempt as "running" (the claim: live
  // viewers see it run, a later press is told at once, progress streams); one done sooner
  // inserts its attempt done, with its evidence, in the one statement that records it.
  if (!speculation) started = performance.now();
  const startedAt = speculation?.startedAt ?? new Date();
  const execution = speculation?.execution ?? execute(prepared, sink);
  const claim: Omit<StepClaim, "incidentId"> = {
    runId,
    step: stepId,
    attempt,
    params: prepared.params,
    offPathFrom: offPath ? suggested : null,
    offPathReason: offPath ? (input.reason ?? "re-run") : null,
    ranBy: actorLabel(actor),
    ranById: actor.kind === "user" ? actor.id : null,
    startedAt,
  };
  let claimId: bigint | null = null;
  if (!(await finishesWithin(execution, CLAIM_AFTER_MS))) {
    claimId = await claimStep(db, { ...claim, incidentId });
    if (claimId === null) throw await claimedBy(db, runId, stepId, attempt, step.title);
    claimed = true;
    tell(`running "${step.title}"`);
    if (early) tell(early);
  }
  const done = await execution;
  const durationMs = Math.round(performance.now() - started);
  const data = boundData(done.data);
  const branch = branchAfter(procedure, step, { verdict: done.verdict, data, answer: done.answer });
  const finishedAt = new Date();

  const recorded = recordStepResult(db, {
    ...(claimId === null ? { claim } : { resultId: claimId }),
    actor,
    incidentId,
    runId,
    result: { verdict: done.verdict, summary: done.summary, data, answer: done.answer, branchTo: branch.goto, branchReason: branch.because, durationMs, finishedAt },
    run: { nextStep: branch.goto === END ? null : branch.goto, nextReason: branch.because, state: branch.goto === END ? "finished" : "active" },
    evidence: done.evidence
      ? {
          check: done.evidence.check,
          verdict: done.verdict as never,
          summary: done.summary,
          ...(done.evidence.command ? { command: done.evidence.command } : {}),
          ...(done.params ? { params: done.params } : {}),
          window: done.window,
          run: { id: runId, procedure: procedure.id, step: stepId, stepTitle: step.title, attempt },
          ...(data !== null ? { detail: data as Prisma.InputJsonValue } : {}),
        }
      : null,
    checklist: done.ticked?.length
      ? {
          entries: done.ticked.map((line) => ({ body: `Done: ${line} (${procedure.title}, guided diagnosis)`, data: { run: runId, step: stepId, line, done: true } })),
          audit: { run: runId, step: stepId, ticked: done.ticked },
        }
      : null,
  });
  const id = await recorded.catch((error: unknown) => {
    // The claim stays "running" in the database (the database went away, most likely): remembered, so a retry is not refused as running.
    if (claimId !== null) interrupted.add(attemptKey(runId, stepId, attempt));
    throw error;
  });
  // Unclaimed and beaten to its attempt by another press (or the run was deleted meanwhile).
  if (id === null) throw await claimedBy(db, runId, stepId, attempt, step.title);
  return resultJson({
    ...claim,
    params: claim.params as Prisma.JsonValue,
    id,
    status: "done",
    verdict: done.verdict,
    summary: done.summary,
    data: data as Prisma.JsonValue,
    answer: done.answer,
    branchTo: branch.goto,
    branchReason: branch.because,
    durationMs,
    finishedAt,
    timelineEventId: null,
  });
}

/** Runs the prepared step; never rejects, so a press that loses its claim leaves no unhandled rejection behind. */
async function execute(prepared: PreparedStep, progress: ProgressSink | undefined): Promise<StepExecution> {
  try {
    return await prepared.execute(progress);
  } catch (error) {
    // Checks never throw; anything else is a bug, recorded as an error so the run is not stuck on "running".
    const at = new Date().toISOString();
    const message = error instanceof AppError ? error.userMessage : "the step failed unexpectedly";
    return { verdict: "error", summary: message, data: null, params: prepared.params, answer: null, evidence: null, window: { from: at, to: at } };
  }
}

/**
 * Claims of this process whose press ended without writing its result: the database stopped
 * while the step ran, so the claim stayed "running" and would refuse every retry as "running
 * right now" until it is stale (STALE_CLAIM_MS).
 */
const interrupted = new Set<string>();
const attemptKey = (runId: string, stepId: string, attempt: number) => `${runId}\n${stepId}\n${attempt}`;

/**
 * Whether a "running" claim is a press that will never record: one this process saw fail, or
 * the same person's own earlier press when no press of the step is under way in this process
 * (the process that held it died, or it failed before the replica serving this press
 * started). Someone else's claim held by another process still refuses the press.
 */
function wasInterrupted(claim: StepResultJson, runId: string, actor: Actor, noPressHere: boolean): boolean {
  return interrupted.has(attemptKey(runId, claim.step, claim.attempt)) || (noPressHere && claim.ranBy === actorLabel(actor));
}

const runningConflict = (ranBy: string, title: string) => new AppError("conflict", `${ranBy} is running "${title}" right now; its result will appear here, no need to run it twice.`);
const ranConflict = (ranBy: string, title: string, attempt: number) =>
  new AppError("conflict", `${ranBy} already ran "${title}" (attempt ${attempt}); its result is shown. Run it again to add another attempt.`);

/** The press that won the same attempt, to tell the one that lost who has it (read only on a conflict); or the run is gone. */
async function claimedBy(db: Db, runId: string, stepId: string, attempt: number, title: string): Promise<AppError> {
  const winner = await db.diagnosisStepResult.findUnique({ where: { runId_step_attempt: { runId, step: stepId, attempt } } }).catch(() => null);
  if (!winner) {
    if (!(await db.diagnosisRun.findUnique({ where: { id: runId }, select: { id: true } }).catch(() => null)))
      return new AppError("not_found", "This run no longer exists (its incident was deleted); the step's result was not recorded.");
    return new AppError("conflict", `Someone else pressed "${title}" at the same moment; their result will appear here.`);
  }
  return winner.status === "running" ? runningConflict(winner.ranBy, title) : ranConflict(winner.ranBy, title, winner.attempt);
}
