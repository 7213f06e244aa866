import { END, type Procedure, type Rule, type Step } from "./definition";

/**
 * The state machine of a run, pure: which step comes next after a result, and where a run
 * stands given its results. The database stores results; everything a responder sees about
 * the path (done / current / ahead, the suggested step and why) is computed here.
 */
export interface Branch {
  /** a step id, or "end" */
  goto: string;
  because: string;
}

export interface StepOutcome {
  verdict: string;
  data?: unknown;
  answer?: string | null;
}

/** A stored result as the engine needs it (newest last). */
export interface ResultRecord {
  step: string;
  attempt: number;
  status: "running" | "done";
  verdict: string | null;
  summary: string | null;
  branchTo: string | null;
  branchReason: string | null;
  ranBy: string;
  startedAt: string;
  finishedAt: string | null;
  offPathFrom?: string | null;
  offPathReason?: string | null;
  answer?: string | null;
}

export type StepStatus = "done" | "current" | "running" | "ahead";

export interface RunView {
  state: "active" | "finished";
  next: { step: string; reason: string } | null;
  steps: { id: string; kind: Step["kind"]; title: string; status: StepStatus; attempts: number; latest: ResultRecord | null }[];
}

/** A figure of a check's data by dotted path ("totalLag", "pods.0.restarts"); null unless numeric. */
export function figureAt(data: unknown, path: string): number | null {
  let value: unknown = data;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return null;
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function compare(left: number, op: NonNullable<Rule["when"]["figure"]>["op"], right: number): boolean {
  switch (op) {
    case ">": return left > right;
    case ">=": return left >= right;
    case "<": return left < right;
    case "<=": return left <= right;
    case "==": return left === right;
    case "!=": return left !== right;
  }
}

/** The rule's reason with "{value}" replaced by the figure, grouped for reading (12,408). */
function reasonWith(because: string, value: number | null): string {
  return value === null ? because : because.replaceAll("{value}", value.toLocaleString("en-US", { maximumFractionDigits: 2 }));
}

function matches(rule: Rule, outcome: StepOutcome): { matched: boolean; value: number | null } {
  if (rule.when.verdict && !rule.when.verdict.includes(outcome.verdict as never)) return { matched: false, value: null };
  if (rule.when.figure) {
    const value = figureAt(outcome.data, rule.when.figure.path);
    if (value === null || !compare(value, rule.when.figure.op, rule.when.figure.value)) return { matched: false, value };
    return { matched: true, value };
  }
  return { matched: true, value: null };
}

/** The step after `step` in the file, or the end: what a step without `next` falls through to. */
function following(procedure: Procedure, step: Step): Branch {
  const index = procedure.steps.findIndex((candidate) => candidate.id === step.id);
  const after = procedure.steps[index + 1];
  return after ? { goto: after.id, because: `next in the runbook: ${after.title}` } : { goto: END, because: "the last step of the procedure" };
}

/** Where the run goes after this step's outcome: the first matching rule, the answer, `next`, or the following step. */
export function branchAfter(procedure: Procedure, step: Step, outcome: StepOutcome): Branch {
  if (step.kind === "check" || step.kind === "verify") {
    for (const rule of step.rules) {
      const { matched, value } = matches(rule, outcome);
      if (matched) return { goto: rule.goto, because: reasonWith(rule.because, value) };
    }
  }
  if (step.kind === "question") {
    const answer = step.answers.find((candidate) => candidate.value === outcome.answer);
    if (answer) return { goto: answer.goto, because: answer.because ?? `answered "${answer.label}"` };
  }
  const fallback = "next" in step && step.next ? step.next : following(procedure, step);
  // A check that could not run says nothing about the symptom: the default's reason would claim it did.
  if ((step.kind === "check" || step.kind === "verify") && (outcome.verdict === "error" || outcome.verdict === "skipped"))
    return { goto: fallback.goto, because: `no answer from this check (${outcome.verdict}): carry on with the procedure` };
  return fallback;
}

/** Where a run stands: the newest finished result decides the next step; every step's status. */
export function runView(procedure: Procedure, results: readonly ResultRecord[]): RunView {
  const finished = results.filter((result) => result.status === "done");
  const last = finished.at(-1);
  const next = !last
    ? { step: procedure.start, reason: "the first step of the procedure" }
    : last.branchTo && last.branchTo !== END
      ? { step: last.branchTo, reason: last.branchReason ?? "" }
      : null;
  const steps = procedure.steps.map((step) => {
    const own = results.filter((result) => result.step === step.id);
    const latest = own.at(-1) ?? null;
    const status: StepStatus = latest?.status === "running" ? "running" : next?.step === step.id ? "current" : own.some((result) => result.status === "done") ? "done" : "ahead";
    return { id: step.id, kind: step.kind, title: step.title, status, attempts: own.length, latest };
  });
  return { state: next ? "active" : "finished", next, steps };
}

/** Every step a step can lead to (rules, answers, next, fall-through). */
export function successors(procedure: Procedure, step: Step): string[] {
  const targets = new Set<string>();
  if (step.kind === "check" || step.kind === "verify") step.rules.forEach((rule) => targets.add(rule.goto));
  if (step.kind === "question") step.answers.forEach((answer) => targets.add(answer.goto));
  else targets.add(("next" in step && step.next ? step.next : following(procedure, step)).goto);
  return [...targets];
}

/**
 * What is wrong with a definition's graph, each as "field: problem": duplicate step ids, a
 * start or goto naming no step, a verify re-running something that is not a check, a step
 * that no path from the start reaches.
 */
export function graphProblems(procedure: Procedure): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  procedure.steps.forEach((step, index) => {
    if (ids.has(step.id)) problems.push(`steps[${index}].id: "${step.id}" is used twice`);
    ids.add(step.id);
  });
  const known = (id: string) => id === END || ids.has(id);
  if (!ids.has(procedure.start)) problems.push(`start: names no step ("${procedure.start}")`);
  procedure.steps.forEach((step, index) => {
    const at = `steps[${index}]`;
    if (step.kind === "check" || step.kind === "verify")
      step.rules.forEach((rule, r) => !known(rule.goto) && problems.push(`${at}.rules[${r}].goto: names no step ("${rule.goto}")`));
    if (step.kind === "question") step.answers.forEach((answer, a) => !known(answer.goto) && problems.push(`${at}.answers[${a}].goto: names no step ("${answer.goto}")`));
    if ("next" in step && step.next && !known(step.next.goto)) problems.push(`${at}.next.goto: names no step ("${step.next.goto}")`);
    if (step.kind === "operation")
      step.verify.forEach((target, t) => {
        const referenced = procedure.steps.find((candidate) => candidate.id === target);
        if (!referenced || referenced.kind !== "check") problems.push(`${at}.verify[${t}]: "${target}" is not a check step of this procedure`);
      });
    if (step.kind === "verify")
      step.steps.forEach((target, t) => {
        const referenced = procedure.steps.find((candidate) => candidate.id === target);
        if (!referenced || referenced.kind !== "check") problems.push(`${at}.steps[${t}]: "${target}" is not a check step of this procedure`);
      });
  });
  const reached = new Set<string>();
  const queue = ids.has(procedure.start) ? [procedure.start] : [];
  while (queue.length) {
    const id = queue.shift()!;
    if (reached.has(id) || id === END) continue;
    reached.add(id);
    const step = procedure.steps.find((candidate) => candidate.id === id);
    if (step) queue.push(...successors(procedure, step));
  }
  procedure.steps.forEach((step, index) => !reached.has(step.id) && problems.push(`steps[${index}] ("${step.id}"): unreachable from the start`));
  return problems;
}
