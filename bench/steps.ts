/**
 * `npm run bench -- steps`: what guided diagnosis adds to a check, on the lab (npm run lab -- up)
 * and the test PostgreSQL. One step — "Check Kafka topic lag" of Data Not Processing — pressed
 * through its use case (runStep: validation, the run's read, the claim, the check, the result,
 * the evidence on the timeline), interleaved in one run with the raw connector calls the
 * check wraps (describeGroup + groupLag against the lab's Kafka). Target: p50 ratio ≤ 1.2×.
 * Then where the time goes: the step's two statements (the run's read, the result's write)
 * timed alone, one PostgreSQL round trip, and the session's user read that the server action
 * adds before the use case (the bench has no request to hold a session).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { labEnv } from "../lab/core/lab-env";
import { createTestDatabase } from "../test/test-database";
import { percentile, report } from "./stats";

const PRESSES = Number(process.env.BENCH_PRESSES ?? 60);
/** presses per run before a fresh run is started */
const RUN_LENGTH = 10;

export async function run() {
  if (!process.env.TEST_DATABASE_URL) process.env.TEST_DATABASE_URL = execFileSync("bash", ["scripts/test-postgres.sh", "start"], { encoding: "utf8" }).trim();
  Object.assign(process.env, labEnv());
  const dir = mkdtempSync(path.join(tmpdir(), "console-config-"));
  writeFileSync(path.join(dir, "console.config.yaml"), "");
  process.env.CONSOLE_CONFIG = path.join(dir, "console.config.yaml");

  // Imported after the environment is set: the catalog reads it once.
  const [{ SYSTEM_ACTOR }, { createUser }, { declareIncident }, { startRun }, { runStep }, { probeContext }, { describeGroup, groupLag }, { targetOf }, { readRunForStep }, { recordStepResult }] = await Promise.all([
    import("../lib/auth/actor"),
    import("../lib/users/create-user"),
    import("../lib/incidents/declare-incident"),
    import("../lib/diagnosis/start-run"),
    import("../lib/diagnosis/run-step"),
    import("../lib/health/context"),
    import("../lib/connectors/kafka/groups"),
    import("../lib/checks/kafka/shared"),
    import("../lib/diagnosis/read-run"),
    import("../lib/diagnosis/record-step-result"),
  ]);
  const database = await createTestDatabase(5);
  try {
    const user = await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "bench@254carbon.com", role: "l1", password: "a long password" } });
    const actor = { kind: "user" as const, id: user.id, email: user.email, name: null, role: "l1" as const };
    const incident = await declareIncident({ db: database.db, actor, baseUrl: "http://bench", input: { title: "Bench: steps", severity: "SEV4", services: [] } });
    const newRun = () => startRun({ db: database.db, actor, incidentId: incident.id, input: { procedure: "data-not-processing" } });
    let current = await newRun();

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
      const result = await runStep({ db: database.db, actor, incidentId: incident.id, runId: current.id, stepId: "check-kafka-topic-lag", input: {} });
      if (result.verdict === "error") throw new Error(`the step failed: ${result.summary}`);
    };

    // Warm both paths (Kafka client, Prisma pool, JIT) before measuring.
    for (let i = 0; i < 5; i++) {
      await raw();
      await step();
    }
    const rawTimes: number[] = [];
    const stepTimes: number[] = [];
    // One PostgreSQL round trip through Prisma: the unit of what a step cannot avoid adding.
    const roundTripTimes: number[] = [];
    // The parts, each alone: the run's read, the result's statement (into a run of its own, so
    // the pressed run keeps a realistic length), the session's user read of the server action.
    const parts = { read: [] as number[], write: [] as number[], user: [] as number[] };
    const scratch = await newRun();
    const timed = async (into: number[], task: () => Promise<unknown>) => {
      const begun = performance.now();
      await task();
      into.push(performance.now() - begun);
    };
    for (let i = 0; i < PRESSES; i++) {
      // A real run holds a handful of results (a procedure has 3–12 steps); pressing one run
      // hundreds of times would measure reading an unrealistically long run instead. Untimed.
      if (i % RUN_LENGTH === 0) current = await newRun();
      // Interleaved, alternating which goes first, so drift in the lab hits both alike.
      const order = i % 2 === 0 ? [raw, step] : [step, raw];
      for (const task of order) {
        const begun = performance.now();
        await task();
        (task === raw ? rawTimes : stepTimes).push(performance.now() - begun);
      }
      await timed(roundTripTimes, () => database.db.$queryRaw`SELECT 1`);
      await timed(parts.read, () => readRunForStep(database.db, current.id));
      await timed(parts.user, () => database.db.user.findUnique({ where: { id: user.id } }));
      const at = new Date();
      await timed(parts.write, () =>
        recordStepResult(database.db, {
          claim: { runId: scratch.id, step: "check-kafka-topic-lag", attempt: i + 1, params: { group: "normalization-group" }, offPathFrom: null, offPathReason: null, ranBy: user.email, ranById: user.id, startedAt: at },
          actor,
          incidentId: incident.id,
          runId: scratch.id,
          result: { verdict: "ok", summary: "Stable, 1 member, lag 5 on market-data (3 partitions)", data: null, answer: null, branchTo: "check-clickhouse-tables", branchReason: "bench", durationMs: 5, finishedAt: at },
          run: { nextStep: "check-clickhouse-tables", nextReason: "bench", state: "active" },
          evidence: { check: "kafka.consumer-group-describe", verdict: "ok", summary: "bench", window: { from: at.toISOString(), to: at.toISOString() } },
          checklist: null,
        }),
      );
    }
    console.log(`\n${PRESSES} presses of "Check Kafka topic lag" (kafka.consumer-group-describe on normalization-group), interleaved:\n`);
    report([
      { what: "raw connector calls (describeGroup + groupLag)", p50: percentile(rawTimes, 50), p95: percentile(rawTimes, 95), target: Number.POSITIVE_INFINITY },
      { what: "the step through runStep (read, check, result with evidence)", p50: percentile(stepTimes, 50), p95: percentile(stepTimes, 95), target: Number.POSITIVE_INFINITY },
      { what: "one PostgreSQL round trip through Prisma (SELECT 1)", p50: percentile(roundTripTimes, 50), p95: percentile(roundTripTimes, 95), target: Number.POSITIVE_INFINITY },
      { what: "part: the run's read (one query)", p50: percentile(parts.read, 50), p95: percentile(parts.read, 95), target: Number.POSITIVE_INFINITY },
      { what: "part: the result's statement (result, evidence, audit, run, NOTIFY)", p50: percentile(parts.write, 50), p95: percentile(parts.write, 95), target: Number.POSITIVE_INFINITY },
      { what: "part: the server action's session user read (not in the step above)", p50: percentile(parts.user, 50), p95: percentile(parts.user, 95), target: Number.POSITIVE_INFINITY },
    ]);
    const ratio50 = percentile(stepTimes, 50) / percentile(rawTimes, 50);
    const ratio95 = percentile(stepTimes, 95) / percentile(rawTimes, 95);
    console.log(`\nstep vs raw: p50 ${ratio50.toFixed(2)}×, p95 ${ratio95.toFixed(2)}× (target ≤ 1.2×: ${ratio50 <= 1.2 ? "met" : "MISSED"})`);
    // What the step adds is a constant (the run's read, one statement for result, evidence, audit and NOTIFY), not a factor of the check.
    const added = stepTimes.map((time, i) => time - rawTimes[i]!);
    console.log(`added by the step (step − raw of the same press): p50 ${percentile(added, 50).toFixed(1)} ms, p95 ${percentile(added, 95).toFixed(1)} ms`);
    // One statement stays in sequence after the check whatever is done: the result's write needs the check's result.
    // (The run's read overlaps the check once this process knows the run: startRun and getRun tell it.)
    const floor = percentile(rawTimes, 50) + percentile(parts.write, 50);
    console.log(`floor: raw + the result's statement = ${floor.toFixed(1)} ms, ${(floor / percentile(rawTimes, 50)).toFixed(2)}× (the step is ${(percentile(stepTimes, 50) - floor).toFixed(1)} ms above it)`);
  } finally {
    await database.drop();
  }
}
