/** Percentiles and timing helpers for the benchmarks. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export async function timeRuns(runs: number, task: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return times;
}

export function report(rows: { what: string; p50: number; p95: number; target: number; unit?: string }[]) {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  console.log(line(["measure", "p50", "p95", "target (p95)", "result"]));
  console.log(line(["---", "---:", "---:", "---:", "---"]));
  for (const row of rows) {
    const unit = row.unit ?? "ms";
    console.log(line([row.what, `${row.p50.toFixed(1)} ${unit}`, `${row.p95.toFixed(1)} ${unit}`, `≤ ${row.target} ${unit}`, row.p95 <= row.target ? "met" : "MISSED"]));
  }
}
