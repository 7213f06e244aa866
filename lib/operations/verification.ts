import type { Verdict } from "@/lib/checks/types";

/**
 * Whether an operation fixed what the checks found: each check re-run after it is ok, or
 * better than before, or (consumer lag) lower than before — a queue that drains is fixed
 * even while its lag is still above the threshold. Pure.
 */
export interface CheckSnapshot {
  check: string;
  params: Record<string, unknown>;
  verdict: Verdict;
  summary: string;
  /** a figure to compare before and after when there is one (consumer lag) */
  figure?: number | null;
  checkedAt: string;
}

export interface CheckComparison {
  check: string;
  before: CheckSnapshot | null;
  after: CheckSnapshot;
  passed: boolean;
}

const RANK: Record<Verdict, number> = { ok: 0, skipped: 0, warn: 1, fail: 2, error: 3 };

/** The figure a check's data carries that an operation should move: total consumer lag. */
export function figureOf(data: unknown): number | null {
  const lag = (data as { totalLag?: unknown } | null)?.totalLag;
  return typeof lag === "number" ? lag : null;
}

export function compareCheck(before: CheckSnapshot | null, after: CheckSnapshot): CheckComparison {
  const passed =
    after.verdict === "ok" ||
    after.verdict === "skipped" ||
    (before !== null && after.verdict !== "error" && RANK[after.verdict] < RANK[before.verdict]) ||
    (before !== null && after.verdict !== "error" && typeof before.figure === "number" && typeof after.figure === "number" && after.figure < before.figure);
  return { check: after.check, before, after, passed };
}

export function compareChecks(before: CheckSnapshot[], after: CheckSnapshot[]): { passed: boolean; comparisons: CheckComparison[] } {
  const comparisons = after.map((snapshot) => compareCheck(before.find((b) => b.check === snapshot.check && JSON.stringify(b.params) === JSON.stringify(snapshot.params)) ?? null, snapshot));
  return { passed: comparisons.length > 0 && comparisons.every((c) => c.passed), comparisons };
}

/** "kafka.consumer-group-describe: lag 12,408 … → lag 3,100 …" lines for the timeline. */
export function comparisonLines(comparisons: CheckComparison[]): string[] {
  return comparisons.map((c) => `${c.passed ? "✓" : "✗"} ${c.check}: ${c.before ? `${c.before.verdict.toUpperCase()} ${c.before.summary}` : "(not run before)"} → ${c.after.verdict.toUpperCase()} ${c.after.summary}`);
}
