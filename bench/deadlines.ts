/**
 * `npm run bench -- deadlines`: every check against a server that accepts and never answers
 * (test/sockets.ts blackHole), with a 400 ms deadline: how long until it answers `timeout`.
 * Goal: within the deadline + 10 % (the tests only assert the `timeout` kind: one wall-clock
 * run on a shared 2-core machine is no measure). Needs the lab's kubeconfig and certificates
 * on disk (`npm run lab -- up` once); the lab's servers are not touched.
 */
import { runCheck } from "../lib/checks/define-check";
import { CHECKS } from "../lib/checks/registry";
import { checkTargetsAt } from "../test/check-targets";
import { labContext } from "../test/lab-catalog";
import { blackHole } from "../test/sockets";
import { percentile, report } from "./stats";

const DEADLINE_MS = 400;
const RUNS = 3;

export async function run() {
  const hole = await blackHole();
  const targets = checkTargetsAt(hole.port);
  const rows: Parameters<typeof report>[0] = [];
  const wrongKind: string[] = [];
  try {
    for (const check of CHECKS) {
      const overrides = await targets[check.id.split(".")[0]!]!();
      const context = labContext({ overrides, deadlineMs: DEADLINE_MS });
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const result = await runCheck(check, context, {});
        times.push(performance.now() - started);
        if (result.error?.kind !== "timeout") wrongKind.push(`${check.id}: ${result.verdict} ${result.summary}`);
      }
      rows.push({ what: `${check.id} against a black hole`, p50: percentile(times, 50), p95: percentile(times, 95), target: Math.round(DEADLINE_MS * 1.1) });
    }
  } finally {
    await hole.close();
  }
  report(rows);
  console.log(wrongKind.length ? `\nnot a timeout:\n${wrongKind.join("\n")}` : "\nevery check answered timeout");
}
