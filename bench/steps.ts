/**
 * `npm run bench -- steps`: what guided diagnosis adds to a check, on the lab (npm run lab -- up)
 * and the test PostgreSQL. One step — "Check Kafka topic lag" of Data Not Processing — pressed
 * through its use case (runStep: validation, the claim on the run row, the check, the result,
 * the evidence on the timeline), interleaved in one run with the raw connector calls the
 * check wraps (describeGroup + groupLag against the lab's Kafka). Target: p50 ratio ≤ 1.2×.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { labEnv } from "../lab/core/lab-env";
import { createTestDatabase } from "../test/test-database";
import { percentile, report } from "./stats";

const PRESSES = Number(process.env.BENCH_PRESSES ?? 60);

export async function run() {
  if (!process.env.TEST_DATABASE_URL) process.env.TEST_DATABASE_URL = execFileSync("bash", ["scripts/test-postgres.sh", "start"], { encoding: "utf8" }).trim();
  Object.assign(process.env, labEnv());
  const dir = mkdtempSync(path.join(tmpdir(), "console-config-"));
  writeFileSync(path.join(dir, "console.config.yaml"), "");
  process.env.CONSOLE_CONFIG = path.join(dir, "console.config.yaml");

  // Imported after the environment is set: the catalog reads it once.
  const [{ SYSTEM_ACTOR }, { createUser }, { declareIncident }, { startRun }, { runStep }, { probeContext }, { describeGroup, groupLag }, { targetOf }] = await Promise.all([
    import("../lib/auth/actor"),
    import("../lib/users/create-user"),
    import("../lib/incidents/declare-incident"),
    import("../lib/diagnosis/start-run"),
    import("../lib/diagnosis/run-step"),
    import("../lib/health/context"),
    import("../lib/connectors/kafka/groups"),
    import("../lib/checks/kafka/shared"),
  ]);
  const database = await createTestDatabase(5);
  try {
    const user = await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "bench@254carbon.com", role: "l1", password: "a long password" } });
    const actor = { kind: "user" as const, id: user.id, email: user.email, name: null, role: "l1" as const };
    const incident = await declareIncident({ db: database.db, actor, baseUrl: "http://bench", input: { title: "Bench: steps", severity: "SEV4", services: [] } });
    const started = await startRun({ db: database.db, actor, incidentId: incident.id, input: { procedure: "data-not-processing" } });

    const context = probeContext();
    const raw = async () => {
      const target = targetOf(context);
      if (!target.ok) throw new Error(target.error.message);
      const description = await describeGroup(target.value, "normalization-group", context.deadlineMs);
      if (!description.ok) throw new Error(description.error.message);
      const assigned = [...new Set(description.value.members.flatMap((member) => Object.keys(member.assignment)))];
      const lag = await groupLag(target.value, "normalization-group", undefined, context.deadlineMs, assigned);
      if (!lag.ok) throw new Error(lag.error.message);
    };
    const step = async () => {
      const result = await runStep({ db: database.db, actor, incidentId: incident.id, runId: started.id, stepId: "check-kafka-topic-lag", input: {} });
      if (result.verdict === "error") throw new Error(`the step failed: ${result.summary}`);
    };

    // Warm both paths (Kafka client, Prisma pool, JIT) before measuring.
    for (let i = 0; i < 5; i++) {
      await raw();
      await step();
    }
    const rawTimes: number[] = [];
    const stepTimes: number[] = [];
    for (let i = 0; i < PRESSES; i++) {
      // Interleaved, alternating which goes first, so drift in the lab hits both alike.
      const order = i % 2 === 0 ? [raw, step] : [step, raw];
      for (const task of order) {
        const begun = performance.now();
        await task();
        (task === raw ? rawTimes : stepTimes).push(performance.now() - begun);
      }
    }
    console.log(`\n${PRESSES} presses of "Check Kafka topic lag" (kafka.consumer-group-describe on normalization-group), interleaved:\n`);
    report([
      { what: "raw connector calls (describeGroup + groupLag)", p50: percentile(rawTimes, 50), p95: percentile(rawTimes, 95), target: Number.POSITIVE_INFINITY },
      { what: "the step through runStep (claim, check, result, evidence)", p50: percentile(stepTimes, 50), p95: percentile(stepTimes, 95), target: Number.POSITIVE_INFINITY },
    ]);
    const ratio50 = percentile(stepTimes, 50) / percentile(rawTimes, 50);
    const ratio95 = percentile(stepTimes, 95) / percentile(rawTimes, 95);
    console.log(`\nstep vs raw: p50 ${ratio50.toFixed(2)}×, p95 ${ratio95.toFixed(2)}× (target ≤ 1.2×: ${ratio50 <= 1.2 ? "met" : "MISSED"})`);
    // What the step adds is a constant (two transactions, the evidence entry, two NOTIFYs), not a factor of the check.
    console.log(`added by the step: p50 ${(percentile(stepTimes, 50) - percentile(rawTimes, 50)).toFixed(1)} ms`);
  } finally {
    await database.drop();
  }
}
