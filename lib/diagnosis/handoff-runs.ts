import type { HandoffRun } from "@/lib/incidents/handoff-packet";
import type { RunJson } from "./types";

/**
 * The runs of an incident as the hand-off packet lists them: steps done with verdicts, the
 * branch each chose, off-path choices with their reason, and the pending step. Pure.
 */
export function handoffRuns(runs: readonly RunJson[]): HandoffRun[] {
  return runs.map((run) => {
    const title = (id: string) => run.steps.find((step) => step.id === id)?.title ?? id;
    return {
      id: run.id,
      procedure: run.procedure,
      title: run.title,
      state: run.state,
      startedBy: run.startedBy,
      steps: run.results
        .filter((result) => result.status === "done")
        .map((result) => ({
          step: result.step,
          title: title(result.step),
          attempt: result.attempt,
          verdict: result.verdict ?? "?",
          summary: result.summary ?? "",
          by: result.ranBy,
          at: result.finishedAt ?? result.startedAt,
          branch: result.branchTo ? `${result.branchTo === "end" ? "end" : title(result.branchTo)} (${result.branchReason ?? ""})` : null,
          offPath: result.offPathFrom ? `instead of ${title(result.offPathFrom)}: ${result.offPathReason ?? ""}` : null,
        })),
      pending: run.next ? { step: run.next.step, title: title(run.next.step), reason: run.next.reason } : null,
    };
  });
}
