import { z } from "zod";
import { OPERATION_KINDS } from "@/lib/operations/types";

/**
 * The format of a guided-diagnosis procedure (docs/runbooks.md): one typed module per runbook
 * procedure in lib/diagnosis/procedures/, validated by `procedureSchema` when it loads. Pure
 * data and zod only, so the runbook pages, the palette and the tests can import it anywhere.
 *
 * A procedure is a graph of steps. Each step says where to go next: a check by rules on its
 * verdict or on a figure of its data, a question by the answer, the others by `next`. A step
 * that names no next step falls through to the step after it in the file; "end" finishes.
 */
export const VERDICTS = ["ok", "warn", "fail", "error", "skipped"] as const;
export type CheckVerdict = (typeof VERDICTS)[number];

/** The end of a run: a `goto` naming no step. */
export const END = "end";

const stepId = z.string().regex(/^[a-z][a-z0-9-]*$/, { message: "must be a lowercase id such as check-lag" });
const text = z.string().trim().min(1, { message: "must not be empty" });

/** Where to go, and the reason shown to the responder ("{value}" is replaced by the figure). */
const transition = z.object({ goto: stepId, because: text }).strict();

const figureCondition = z
  .object({
    /** a dotted path into the check's data, e.g. "totalLag" or "pods.0.restarts" */
    path: z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, { message: "must be a dotted path such as totalLag" }),
    op: z.enum([">", ">=", "<", "<=", "==", "!="]),
    value: z.number(),
  })
  .strict();

const rule = z
  .object({
    when: z
      .object({ verdict: z.array(z.enum(VERDICTS)).min(1).optional(), figure: figureCondition.optional() })
      .strict()
      .refine((when) => when.verdict || when.figure, { message: "needs a verdict list or a figure condition" }),
    goto: stepId,
    because: text,
  })
  .strict();

const base = { id: stepId, title: text };

const checkStep = z
  .object({
    ...base,
    kind: z.literal("check"),
    /** a check id of lib/checks/registry.ts, e.g. "kafka.consumer-group-describe" */
    check: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/, { message: "must be a check id such as kafka.consumer-group-describe" }),
    /** parameters for the check, parsed with the check's own zod schema (defaults fill the rest) */
    params: z.record(z.string(), z.unknown()).default({}),
    /** the runbook command this step replaces, exactly as the runbook gives it */
    command: text,
    /** false for a step the console adds beyond the runbook's Diagnosis list (not shown there) */
    inRunbook: z.boolean().default(true),
    /** what each verdict means here, in words (ok, warn and fail at least) */
    meaning: z.object({ ok: text, warn: text, fail: text, error: text.optional(), skipped: text.optional() }).strict(),
    /** first matching rule wins; none matching → `next`, or the following step */
    rules: z.array(rule).default([]),
    next: transition.optional(),
  })
  .strict();

const questionStep = z
  .object({
    ...base,
    kind: z.literal("question"),
    question: text,
    answers: z
      .array(z.object({ value: stepId, label: text, goto: stepId, because: text.optional() }).strict())
      .min(2, { message: "a question needs at least two answers" }),
  })
  .strict();

const checklistStep = z
  .object({
    ...base,
    kind: z.literal("checklist"),
    /** the runbook's resolution lines; each tick goes onto the incident timeline */
    items: z.array(text).min(1),
    next: transition.optional(),
  })
  .strict();

const verifyStep = z
  .object({
    ...base,
    kind: z.literal("verify"),
    /** earlier check steps to re-run; the result compares before and after */
    steps: z.array(stepId).min(1),
    rules: z.array(rule).default([]),
    next: transition.optional(),
  })
  .strict();

/**
 * A step that acts on the system (lib/operations): previewed with `{dryRun: true}` and
 * executed with `{confirm, idempotencyKey}` on the step's route (runOperationStep), which
 * records the outcome as the step's result. `target` is a catalog target id
 * (deployment/<ns>/<name>, release/<ns>/<name>, system/<name>); a service's Deployment is
 * the runbook's example and is aimed at the run's service, as check parameters are.
 * `verify` names earlier check steps whose checks show whether it worked (the operation's
 * before/after); the step after it is usually the procedure's verify step.
 */
const operationStep = z
  .object({
    ...base,
    kind: z.literal("operation"),
    operation: z.enum(OPERATION_KINDS, { message: `must be an operation kind: ${OPERATION_KINDS.join(", ")}` }),
    target: z.string().regex(/^(deployment|statefulset|release|pod)\/[a-z0-9-]+\/[a-z0-9.-]+$|^system\/[a-z]+$/, { message: "must be a catalog target such as deployment/data-processing/normalization-service" }),
    params: z.record(z.string(), z.unknown()).default({}),
    /** the terminal command this operation replaces (the runbook gives the resolution in words) */
    command: text,
    verify: z.array(stepId).default([]),
    next: transition.optional(),
  })
  .strict();

export const stepSchema = z.discriminatedUnion("kind", [checkStep, questionStep, checklistStep, verifyStep, operationStep]);

export const LEVELS = ["L1", "L2", "L3"] as const;

export const procedureSchema = z
  .object({
    /** the runbook procedure's id, also the file name: lib/diagnosis/procedures/<id>.ts */
    id: stepId,
    /** bump when the steps change: a run records the version it followed */
    version: z.number().int().positive(),
    kind: z.enum(["procedure", "emergency"]),
    /** the runbook's section heading, e.g. "Data Processing Issues" */
    section: text,
    title: text,
    /** the escalation level whose work this is (runbook, Escalation Procedures) */
    level: z.enum(LEVELS),
    symptoms: z.array(text).default([]),
    /** the runbook's resolution lines (for emergencies: immediate actions, then recovery steps) */
    resolution: z.array(text).default([]),
    immediateActions: z.array(text).optional(),
    recoverySteps: z.array(text).optional(),
    start: stepId,
    steps: z.array(stepSchema).min(1),
  })
  .strict();

export type ProcedureInput = z.input<typeof procedureSchema>;
export type Procedure = z.output<typeof procedureSchema>;
export type Step = Procedure["steps"][number];
export type StepKind = Step["kind"];
export type CheckStep = Extract<Step, { kind: "check" }>;
export type QuestionStep = Extract<Step, { kind: "question" }>;
export type ChecklistStep = Extract<Step, { kind: "checklist" }>;
export type VerifyStep = Extract<Step, { kind: "verify" }>;
export type OperationStep = Extract<Step, { kind: "operation" }>;
export type Rule = CheckStep["rules"][number];

/** Keeps a definition's literal types checked where it is written (each procedures/<id>.ts). */
type VerifyInput = Extract<z.input<typeof stepSchema>, { kind: "verify" }>;

/**
 * The usual end of a procedure's verify step: a check still failing sends the responder back
 * to the resolution steps (step id "resolve"); otherwise the run ends.
 */
export const BACK_TO_RESOLUTION_UNLESS_GONE = {
  rules: [{ when: { verdict: ["fail"] }, goto: "resolve", because: "still failing after the resolution: back to the resolution steps" }],
  next: { goto: "end", because: "the checks agree the symptom is gone" },
} satisfies Pick<VerifyInput, "rules" | "next">;

export function defineProcedure(definition: ProcedureInput): ProcedureInput {
  return definition;
}

/** "steps[2].rules[0].goto" from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), "");
}

/** Parses one definition; a failure names the file and the field. */
export function parseProcedure(file: string, input: unknown): Procedure {
  const parsed = procedureSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${fieldPath(issue.path) || "definition"}: ${issue.message}`);
  }
  return parsed.data;
}
