import "server-only";
import type { DiagnosisRun, DiagnosisStepResult } from "@/lib/db/generated/client";
import { findProcedure, stepCommand } from "./catalogue";
import { runView, type ResultRecord } from "./engine";
import type { RunJson, StepResultJson } from "./types";

export function resultJson(row: DiagnosisStepResult): StepResultJson {
  return {
    id: row.id.toString(),
    step: row.step,
    attempt: row.attempt,
    status: row.status === "done" ? "done" : "running",
    verdict: row.verdict,
    summary: row.summary,
    data: row.data ?? null,
    params: (row.params as Record<string, unknown> | null) ?? null,
    answer: row.answer,
    branchTo: row.branchTo,
    branchReason: row.branchReason,
    offPathFrom: row.offPathFrom,
    offPathReason: row.offPathReason,
    durationMs: row.durationMs,
    ranBy: row.ranBy,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

function record(result: StepResultJson): ResultRecord {
  return { ...result };
}

/** A run as the API and the step view read it: the engine's view over its stored results. */
export function runJson(run: DiagnosisRun & { results: DiagnosisStepResult[] }): RunJson {
  const procedure = findProcedure(run.procedure);
  const results = [...run.results].sort((a, b) => (a.id < b.id ? -1 : 1)).map(resultJson);
  const view = procedure ? runView(procedure, results.map(record)) : { state: "finished" as const, next: null, steps: [] };
  return {
    id: run.id,
    incidentId: run.incidentId,
    procedure: run.procedure,
    procedureVersion: run.procedureVersion,
    title: procedure?.title ?? run.procedure,
    level: procedure?.level ?? "L1",
    service: run.service,
    state: view.state,
    next: view.next,
    startedBy: run.startedBy,
    createdAt: run.createdAt.toISOString(),
    steps: view.steps.map((step) => {
      const done = [...results].reverse().find((result) => result.step === step.id && result.status === "done");
      const command = procedure ? stepCommand(procedure.steps.find((candidate) => candidate.id === step.id)!) : undefined;
      return {
        id: step.id,
        kind: step.kind,
        title: step.title,
        status: step.status,
        ...(command ? { command } : {}),
        ...(done ? { verdict: done.verdict ?? undefined, summary: done.summary ?? undefined, ranAt: done.finishedAt ?? undefined, ranBy: done.ranBy } : {}),
        attempts: step.attempts,
      };
    }),
    results,
  };
}
