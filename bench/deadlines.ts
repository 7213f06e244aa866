/**
 * `npm run bench -- deadlines`: every check against a server that accepts and never answers
 * (test/sockets.ts blackHole), with a 400 ms deadline: how long until it answers `timeout`.
 * Goal: within the deadline + 10 % (the tests only assert the `timeout` kind: one wall-clock
 * run on a shared 2-core machine is no measure). Needs the lab's kubeconfig and certificates
 * on disk (`npm run lab -- up` once); the lab's servers are not touched. Then the same for a
 * slow server (answers after the deadline) and a garbage one (nonsense at once), on local
 * sockets only (test/fault-context.ts): answered within the deadline + 10 %.
 */
import { runCheck } from "../lib/checks/define-check";
import { CHECKS } from "../lib/checks/registry";
import { checkTargetsAt } from "../test/check-targets";
import { faultContext } from "../test/fault-context";
import { labContext } from "../test/lab-catalog";
import { blackHole, garbageServer, slowServer } from "../test/sockets";
import { percentile, report } from "./stats";

const DEADLINE_MS = 400;
const RUNS = 3;

/** Each check against a slow and a garbage server: time to its error verdict. */
async function slowAndGarbage(rows: Parameters<typeof report>[0], wrong: string[]) {
  for (const [name, server] of [["a slow server", await slowServer(DEADLINE_MS + 1_500)], ["a garbage server", await garbageServer()]] as const) {
    try {
      const context = await faultContext(server.port, DEADLINE_MS);
      for (const check of CHECKS) {
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const started = performance.now();
          const result = await runCheck(check, context, {});
          times.push(performance.now() - started);
          if (result.verdict !== "error") wrong.push(`${check.id} against ${name}: ${result.verdict} ${result.summary}`);
        }
        rows.push({ what: `${check.id} against ${name}`, p50: percentile(times, 50), p95: percentile(times, 95), target: Math.round(DEADLINE_MS * 1.1) });
      }
    } finally {
      await server.close();
    }
  }
}

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
  await slowAndGarbage(rows, wrongKind);
  report(rows);
  console.log(wrongKind.length ? `\nnot the expected error:\n${wrongKind.join("\n")}` : "\nevery check answered timeout to a black hole, and an error to a slow and a garbage server");
}
