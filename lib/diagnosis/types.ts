import type { StepStatus } from "./engine";

/** JSON shapes of runs, shared by the API, the server actions and the step view. */
export interface StepResultJson {
  id: string;
  step: string;
  attempt: number;
  status: "running" | "done";
  /** a check's verdict; "answered" (question), "ticked" (checklist) */
  verdict: string | null;
  summary: string | null;
  /** the check's data, bounded; {ticked} for a checklist; {comparisons} for a verify */
  data: unknown;
  params: Record<string, unknown> | null;
  answer: string | null;
  branchTo: string | null;
  branchReason: string | null;
  offPathFrom: string | null;
  offPathReason: string | null;
  durationMs: number | null;
  ranBy: string;
  startedAt: string;
  finishedAt: string | null;
}

/**
 * A running step's progress, streamed to the step view and to API clients that ask for
 * `text/event-stream`. The first one comes once the press holds the step (the claim is
 * written); later ones in the step's own words ("scanned 1,840 lines of …, 12 ERROR/FATAL").
 */
export interface StepProgress {
  text: string;
  /** since the press began */
  elapsedMs: number;
}

export interface RunStepJson {
  id: string;
  kind: string;
  title: string;
  status: StepStatus;
  command?: string;
  verdict?: string;
  summary?: string;
  ranAt?: string;
  ranBy?: string;
  attempts: number;
}

export interface RunJson {
  id: string;
  incidentId: string;
  procedure: string;
  procedureVersion: number;
  title: string;
  level: string;
  /** the catalog service the run's checks look at, or null for the runbook's own examples */
  service: string | null;
  state: "active" | "finished";
  next: { step: string; reason: string } | null;
  startedBy: string;
  createdAt: string;
  steps: RunStepJson[];
  /** every result, oldest first: re-runs keep both */
  results: StepResultJson[];
  /** for the viewer who asked (API and page): each operation step's target, and the operations they may not do, with the reason */
  act?: {
    gates: Record<string, { kind: string; title: string; target: string; confirmName: string | null }>;
    refusals: Partial<Record<string, string>>;
  };
}

/** A verify step's data: each re-run check before and after. */
export interface VerifyComparison {
  step: string;
  check: string;
  before: { verdict: string; summary: string } | null;
  after: { verdict: string; summary: string };
}
