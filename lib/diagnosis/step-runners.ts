import "server-only";
import { runCheck } from "@/lib/checks/define-check";
import { findCheck } from "@/lib/checks/registry";
import type { AnyCheck } from "@/lib/checks/types";
import { consoleConfig } from "@/lib/config/console-config";
import { AppError } from "@/lib/errors";
import { probeContext } from "@/lib/health/context";
import type { ChecklistStep, CheckStep, QuestionStep, Step, StepKind, VerifyStep } from "./definition";
import { aimAtService } from "./aim-at-service";
import { operationStepRunner } from "./operation-step";
import type { StepResultJson, VerifyComparison } from "./types";

/** What a responder sends with a step (API body and server action input). */
export interface StepInput {
  params?: Record<string, unknown>;
  answer?: string;
  ticked?: string[];
}

/** What a step produced; run-step.ts stores it, branches on it and writes it to the timeline. */
export interface StepExecution {
  verdict: string;
  summary: string;
  data: unknown;
  params: Record<string, unknown> | null;
  answer: string | null;
  /** the check (or "verify"/"question") and the runbook command for the evidence entry; null: no evidence (checklists) */
  evidence: { check: string; command?: string } | null;
  /** checklist lines ticked by this press, each written to the timeline */
  ticked?: string[];
  window: { from: string; to: string };
}

/** What a running step has done so far, in words (a log scan's lines and matches; a verify's checks done). */
export type ProgressSink = (text: string) => void;

/** A step validated and ready: `execute` runs it. Validation happens before anything is claimed or run. */
export interface PreparedStep {
  params: Record<string, unknown> | null;
  execute(progress?: ProgressSink): Promise<StepExecution>;
}

/** What a runner knows of the run: its other steps, earlier results, the service it is about. */
export interface RunContext {
  earlier: readonly StepResultJson[];
  steps: readonly Step[];
  service: string | null;
}

export interface StepRunner<S extends Step> {
  prepare(step: S, input: StepInput, run: RunContext): PreparedStep;
}

function requireCheck(id: string): AnyCheck {
  const check = findCheck(id);
  // The start-up check (startup.ts) makes this unreachable unless a check was removed while running.
  if (!check) throw new AppError("not_found", `The check '${id}' this step names does not exist.`);
  return check;
}

/** Parameters merged over the step's own and parsed with the check's zod schema: a 400 naming the field, before anything runs. */
export function checkParams(check: AnyCheck, base: Record<string, unknown>, override: Record<string, unknown> | undefined): Record<string, unknown> {
  const parsed = check.params.safeParse({ ...base, ...(override ?? {}) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("bad_request", `params.${issue?.path.join(".") || ""}: ${issue?.message ?? "invalid"} (parameters of ${check.id}); nothing was run.`);
  }
  return parsed.data as Record<string, unknown>;
}

/** The context a check runs with: the service's own thresholds when the parameters name a catalog service. */
function contextFor(params: Record<string, unknown>, progress: ProgressSink | undefined) {
  const name = typeof params.service === "string" ? params.service : typeof params.deployment === "string" ? params.deployment : null;
  const service = name ? consoleConfig().services.find((candidate) => candidate.name === name) : undefined;
  return { ...probeContext(service), ...(progress ? { progress } : {}) };
}

async function execCheck(check: AnyCheck, params: Record<string, unknown>, progress?: ProgressSink) {
  const from = new Date().toISOString();
  const result = await runCheck(check, contextFor(params, progress), params);
  return { result, window: { from, to: new Date().toISOString() } };
}

const catalogServices = () => consoleConfig().services.map((service) => service.name);

const checkRunner: StepRunner<CheckStep> = {
  prepare(step, input, run) {
    const check = requireCheck(step.check);
    const params = checkParams(check, aimAtService(check, step.params, run.service, catalogServices()), input.params);
    return {
      params,
      async execute(progress) {
        const { result, window } = await execCheck(check, params, progress);
        return { verdict: result.verdict, summary: result.summary, data: result.data, params, answer: null, evidence: { check: check.id, command: step.command }, window };
      },
    };
  },
};

const VERDICT_ORDER = ["ok", "skipped", "warn", "error", "fail"];

const verifyRunner: StepRunner<VerifyStep> = {
  prepare(step, _input, run) {
    const targets = step.steps.map((id) => {
      const target = run.steps.find((candidate) => candidate.id === id) as CheckStep;
      const before = [...run.earlier].reverse().find((result) => result.step === id && result.status === "done") ?? null;
      const check = requireCheck(target.check);
      return { target, check, before, params: checkParams(check, aimAtService(check, target.params, run.service, catalogServices()), before?.params ?? undefined) };
    });
    return {
      params: null,
      async execute(progress) {
        const from = new Date().toISOString();
        let finished = 0;
        const runs = await Promise.all(
          targets.map(async (target) => {
            const ran = await execCheck(target.check, target.params);
            progress?.(`re-ran ${++finished} of ${targets.length} checks (${target.target.id}: ${ran.result.verdict.toUpperCase()})`);
            return { ...target, ...ran };
          }),
        );
        const comparisons: VerifyComparison[] = runs.map(({ target, check, before, result }) => ({
          step: target.id,
          check: check.id,
          before: before ? { verdict: before.verdict ?? "?", summary: before.summary ?? "" } : null,
          after: { verdict: result.verdict, summary: result.summary },
        }));
        const verdict = comparisons.map((comparison) => comparison.after.verdict).sort((a, b) => VERDICT_ORDER.indexOf(b) - VERDICT_ORDER.indexOf(a))[0] ?? "ok";
        const summary = comparisons
          .map((comparison) => `${comparison.step}: ${comparison.before ? comparison.before.verdict.toUpperCase() : "not run"} → ${comparison.after.verdict.toUpperCase()} (${comparison.after.summary})`)
          .join("; ");
        return { verdict, summary, data: { comparisons }, params: null, answer: null, evidence: { check: "verify" }, window: { from, to: new Date().toISOString() } };
      },
    };
  },
};

const questionRunner: StepRunner<QuestionStep> = {
  prepare(step, input) {
    const answer = step.answers.find((candidate) => candidate.value === input.answer);
    if (!answer) throw new AppError("bad_request", `answer: must be one of ${step.answers.map((candidate) => `"${candidate.value}"`).join(", ")}; nothing was recorded.`);
    return {
      params: null,
      async execute() {
        const at = new Date().toISOString();
        return { verdict: "answered", summary: `${step.question} ${answer.label}`, data: null, params: null, answer: answer.value, evidence: { check: "question" }, window: { from: at, to: at } };
      },
    };
  },
};

const checklistRunner: StepRunner<ChecklistStep> = {
  prepare(step, input, { earlier }) {
    const ticked = input.ticked ?? [];
    const unknown = ticked.filter((line) => !step.items.includes(line));
    if (unknown.length) throw new AppError("bad_request", `ticked: "${unknown[0]}" is not a line of this checklist; nothing was recorded.`);
    const before = [...earlier].reverse().find((result) => result.step === step.id && result.status === "done");
    const already = new Set(((before?.data as { ticked?: string[] } | null)?.ticked ?? []).filter((line) => step.items.includes(line)));
    const fresh = ticked.filter((line) => !already.has(line));
    const all = step.items.filter((line) => already.has(line) || ticked.includes(line));
    return {
      params: null,
      async execute() {
        const at = new Date().toISOString();
        return { verdict: "ticked", summary: `${all.length} of ${step.items.length} done${all.length ? `: ${all.join("; ")}` : ""}`, data: { ticked: all }, params: null, answer: null, evidence: null, ticked: fresh, window: { from: at, to: at } };
      },
    };
  },
};

/** One runner per step kind: a new kind fails to compile until it is wired in here. */
export const STEP_RUNNERS: { [K in StepKind]: StepRunner<Extract<Step, { kind: K }>> } = {
  check: checkRunner,
  question: questionRunner,
  checklist: checklistRunner,
  verify: verifyRunner,
  operation: operationStepRunner,
};

export function prepareStep(step: Step, input: StepInput, run: RunContext): PreparedStep {
  return (STEP_RUNNERS[step.kind] as StepRunner<Step>).prepare(step, input, run);
}
