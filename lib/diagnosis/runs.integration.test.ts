import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { escalateIncident } from "@/lib/incidents/escalate-incident";
import { handoffPacketMarkdown } from "@/lib/incidents/handoff-packet";
import { getIncident } from "@/lib/incidents/get-incident";
import { createUser } from "@/lib/users/create-user";
import { blackHole, closedPort, type BlackHole } from "@/test/sockets";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { runOperationStep } from "@/lib/operations/run-operation-step";
import { getRun } from "./get-run";
import { recordOperationStep } from "./record-operation-step";
import { runStep } from "./run-step";
import { startRun } from "./start-run";
import { decodeEvents } from "./step-stream";
import { streamedStep } from "./step-stream-response";

const BASE = "http://console.test";

describe("guided diagnosis runs (real PostgreSQL)", () => {
  let database: TestDatabase;
  let hung: BlackHole;
  let l1: Actor;
  let l2: Actor;
  const saved = { ...process.env };

  beforeAll(async () => {
    hung = await blackHole();
    const dir = await mkdtemp(path.join(tmpdir(), "console-config-"));
    const file = path.join(dir, "console.config.yaml");
    await writeFile(file, "probe:\n  deadline: 1s\n");
    process.env.CONSOLE_CONFIG = file;
    // Kafka hangs (a step that takes the whole deadline); the service's metrics port is closed (down).
    process.env.KAFKA_BROKERS = `127.0.0.1:${hung.port}`;
    process.env.NORMALIZATION_SERVICE_METRICS_URL = `http://127.0.0.1:${await closedPort()}/metrics`;
    database = await createTestDatabase();
    const make = async (email: string, role: "l1" | "l2"): Promise<Actor> => {
      const user = await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email, role, password: "a long password" } });
      return { kind: "user", id: user.id, email: user.email, name: null, role };
    };
    l1 = await make("l1@254carbon.com", "l1");
    l2 = await make("l2@254carbon.com", "l2");
  });
  afterAll(async () => {
    process.env = saved;
    await hung.close();
    await database.drop();
  });

  async function incidentWithRun(procedure = "data-not-processing") {
    const incident = await declareIncident({ db: database.db, actor: l1, baseUrl: BASE, input: { title: "Ticks not reaching ClickHouse", severity: "SEV2", services: ["normalization-service"] } });
    const run = await startRun({ db: database.db, actor: l1, incidentId: incident.id, input: { procedure } });
    return { incident, run };
  }

  it("starts at the procedure's first step; unknown procedures, runs and steps are 404s with a clear message", async () => {
    const { incident, run } = await incidentWithRun();
    expect(run).toMatchObject({ procedure: "data-not-processing", procedureVersion: 2, state: "active", next: { step: "check-kafka-topic-lag" } });
    expect(run.steps.map((step) => step.status)).toEqual(["current", "ahead", "ahead", "ahead", "ahead", "ahead", "ahead", "ahead"]);
    await expect(startRun({ db: database.db, actor: l1, incidentId: incident.id, input: { procedure: "no-such" } })).rejects.toMatchObject({ code: "not_found", userMessage: expect.stringContaining("No runbook procedure 'no-such'") });
    await expect(runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "nope", input: {} })).rejects.toMatchObject({ code: "not_found", userMessage: expect.stringContaining("No step 'nope' in Data Not Processing") });
    await expect(getRun({ db: database.db, incidentId: incident.id, runId: "missing" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses parameters outside the check's schema before anything runs or is written", async () => {
    const { incident, run } = await incidentWithRun();
    await expect(
      runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "check-kafka-topic-lag", input: { params: { group: "x; rm -rf /" } } }),
    ).rejects.toMatchObject({ code: "bad_request", userMessage: expect.stringMatching(/^params\.group: .* nothing was run/) });
    expect(await database.db.diagnosisStepResult.count({ where: { runId: run.id } })).toBe(0);
  });

  it("a backend that is down is an error verdict with the reason; the run goes on, and the evidence is on the timeline", async () => {
    const { incident, run } = await incidentWithRun();
    const result = await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "check-kafka-topic-lag", input: {} });
    expect(result).toMatchObject({ status: "done", verdict: "error", branchTo: "check-clickhouse-tables", ranBy: "l1@254carbon.com", params: { group: "normalization-group" } });
    expect(result.summary).toMatch(/timeout|unreachable|connect/i);
    const after = await getRun({ db: database.db, incidentId: incident.id, runId: run.id });
    expect(after.next?.step).toBe("check-clickhouse-tables");
    expect(after.steps[0]).toMatchObject({ status: "done", verdict: "error", ranBy: "l1@254carbon.com" });

    const evidence = (await getIncident(database.db, incident.id))!.timeline.find((entry) => entry.kind === "evidence")!;
    expect(evidence.data).toMatchObject({
      check: "kafka.consumer-group-describe",
      verdict: "error",
      command: expect.stringContaining("kafka-consumer-groups.sh"),
      params: { group: "normalization-group" },
      window: { from: expect.any(String), to: expect.any(String) },
      run: { id: run.id, procedure: "data-not-processing", step: "check-kafka-topic-lag", attempt: 1 },
    });
    expect(evidence.author).toBe("l1@254carbon.com");
  });

  it("two responders pressing the same step at once get one execution; the second is told", async () => {
    const { incident, run } = await incidentWithRun();
    const press = (actor: Actor) => runStep({ db: database.db, actor, incidentId: incident.id, runId: run.id, stepId: "check-kafka-topic-lag", input: {} });
    const outcomes = await Promise.allSettled([press(l1), press(l2)]);
    const fulfilled = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const rejected = outcomes.filter((outcome) => outcome.status === "rejected") as PromiseRejectedResult[];
    expect(fulfilled).toHaveLength(1);
    expect(rejected[0]!.reason).toMatchObject({ code: "conflict", userMessage: expect.stringMatching(/is running "Check Kafka topic lag" right now/) });
    expect(await database.db.diagnosisStepResult.count({ where: { runId: run.id } })).toBe(1);
    const evidence = (await getIncident(database.db, incident.id))!.timeline.filter((entry) => entry.kind === "evidence");
    expect(evidence).toHaveLength(1);
  });

  it("streamed: the press that holds the step streams its progress and result; the other is refused before any stream starts", async () => {
    const { incident, run } = await incidentWithRun();
    const press = (actor: Actor) =>
      streamedStep((onProgress) => runStep({ db: database.db, actor, incidentId: incident.id, runId: run.id, stepId: "check-kafka-topic-lag", input: { attempt: 1 }, onProgress }));
    const outcomes = await Promise.allSettled([press(l1), press(l2)]);
    const streamed = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
    const refused = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as unknown] : []));
    expect(streamed).toHaveLength(1);
    expect(refused).toEqual([expect.objectContaining({ code: "conflict", userMessage: expect.stringMatching(/is running "Check Kafka topic lag" right now/) })]);
    const { events } = decodeEvents(await streamed[0]!.text());
    expect(events.map((event) => event.type)).toEqual(["progress", "result"]);
    const stored = await getRun({ db: database.db, incidentId: incident.id, runId: run.id });
    expect(events[1]).toEqual({ type: "result", result: stored.results[0] });
    expect(stored.results).toHaveLength(1);
  });

  it("a step that answers at once is written in one statement: one of two presses wins, its evidence is linked and audited as its own", async () => {
    const { incident, run } = await incidentWithRun();
    // A question answers at once: no claim is written before its result.
    const press = (actor: Actor) =>
      runStep({ db: database.db, actor, incidentId: incident.id, runId: run.id, stepId: "recent-change", input: { answer: "yes", reason: "we deployed 10 minutes ago", attempt: 1 } });
    const outcomes = await Promise.allSettled([press(l1), press(l2)]);
    const won = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
    const lost = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toEqual([expect.objectContaining({ code: "conflict", userMessage: expect.stringContaining(`${won[0]!.ranBy} already ran "Recent change?"`) })]);

    const rows = await database.db.diagnosisStepResult.findMany({ where: { runId: run.id } });
    expect(rows).toHaveLength(1);
    const evidence = (await getIncident(database.db, incident.id))!.timeline.filter((entry) => entry.kind === "evidence");
    expect(evidence).toHaveLength(1);
    expect(rows[0]!.timelineEventId?.toString()).toBe(evidence[0]!.id.toString());
    expect(evidence[0]).toMatchObject({ author: won[0]!.ranBy, data: { check: "question", run: { id: run.id, step: "recent-change", attempt: 1 } } });
    const winner = won[0]!.ranBy === "l1@254carbon.com" ? l1 : l2;
    const audits = await database.db.auditLog.findMany({ where: { targetId: incident.id, action: "incident.evidence" } });
    expect(audits).toEqual([expect.objectContaining({ actorId: winner.kind === "user" ? winner.id : null, actor: won[0]!.ranBy, outcome: "ok", targetType: "incident", after: { check: "question", verdict: "answered" } })]);
    expect((await getRun({ db: database.db, incidentId: incident.id, runId: run.id })).next?.step).toBe(won[0]!.branchTo);
  });

  it("a run is only pressed through its own incident, also once this process knows the run", async () => {
    const { run } = await incidentWithRun();
    const other = await declareIncident({ db: database.db, actor: l1, baseUrl: BASE, input: { title: "Another incident", severity: "SEV3", services: [] } });
    await expect(runStep({ db: database.db, actor: l1, incidentId: other.id, runId: run.id, stepId: "check-kafka-topic-lag", input: {} })).rejects.toMatchObject({ code: "not_found" });
    expect(await database.db.diagnosisStepResult.count({ where: { runId: run.id } })).toBe(0);
  });

  it("two presses of the same attempt after it finished are still one execution", async () => {
    const { incident, run } = await incidentWithRun();
    await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "check-kafka-topic-lag", input: { attempt: 1 } });
    await expect(runStep({ db: database.db, actor: l2, incidentId: incident.id, runId: run.id, stepId: "check-kafka-topic-lag", input: { attempt: 1 } })).rejects.toMatchObject({
      code: "conflict",
      userMessage: expect.stringContaining("l1@254carbon.com already ran"),
    });
  });

  it("re-running a step keeps both results; another responder resumes where the run stopped", async () => {
    const { incident, run } = await incidentWithRun();
    await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "check-kafka-topic-lag", input: {} });
    await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "check-kafka-topic-lag", input: {} });
    const resumed = await getRun({ db: database.db, incidentId: incident.id, runId: run.id });
    expect(resumed.results.map((result) => [result.step, result.attempt])).toEqual([["check-kafka-topic-lag", 1], ["check-kafka-topic-lag", 2]]);
    expect(resumed.steps[0]!.attempts).toBe(2);
    expect((await getIncident(database.db, incident.id))!.timeline.filter((entry) => entry.kind === "evidence")).toHaveLength(2);

    // L2 continues: the suggested step, then off the path to the service metrics (its port is closed: error, and on).
    expect(resumed.next?.step).toBe("check-clickhouse-tables");
    const clickhouse = await runStep({ db: database.db, actor: l2, incidentId: incident.id, runId: run.id, stepId: "check-clickhouse-tables", input: {} });
    expect(clickhouse).toMatchObject({ verdict: "skipped", ranBy: "l2@254carbon.com", branchTo: "recent-change" });
    const metrics = await runStep({ db: database.db, actor: l2, incidentId: incident.id, runId: run.id, stepId: "check-service-metrics", input: { reason: "the panel shows 0 processed/s" } });
    expect(metrics).toMatchObject({ verdict: "error", branchTo: "review-error-logs", offPathFrom: "recent-change" });
  });

  it("answers with the result as stored; a result that cannot be written is reported, never shown as done", async () => {
    const { incident, run } = await incidentWithRun();
    const answered = await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "check-kafka-topic-lag", input: {} });
    const stored = await getRun({ db: database.db, incidentId: incident.id, runId: run.id });
    expect(stored.results).toEqual([answered]);
    const evidence = (await getIncident(database.db, incident.id))!.timeline.filter((entry) => entry.kind === "evidence");
    expect(evidence).toHaveLength(1);

    // The incident is deleted while the next press waits on the hung Kafka: its result has nowhere to go.
    const press = runStep({ db: database.db, actor: l2, incidentId: incident.id, runId: run.id, stepId: "check-kafka-topic-lag", input: {} });
    await vi.waitFor(async () => expect(await database.db.diagnosisStepResult.count({ where: { runId: run.id, status: "running" } })).toBe(1), { timeout: 900 });
    await database.db.incident.delete({ where: { id: incident.id } });
    await expect(press).rejects.toMatchObject({ code: "not_found", userMessage: expect.stringContaining("was not recorded") });
  });

  it("leaving the suggested path needs a reason, which is kept", async () => {
    const { incident, run } = await incidentWithRun();
    await expect(runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "recent-change", input: { answer: "yes" } })).rejects.toMatchObject({
      code: "bad_request",
      userMessage: expect.stringContaining('the suggested step is "Check Kafka topic lag"'),
    });
    const answered = await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "recent-change", input: { answer: "yes", reason: "we deployed 10 minutes ago" } });
    expect(answered).toMatchObject({ verdict: "answered", answer: "yes", offPathFrom: "check-kafka-topic-lag", offPathReason: "we deployed 10 minutes ago", branchTo: "resolve" });
    await expect(runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "resolve", input: { ticked: ["Reboot the world"] } })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("ticks the resolution onto the timeline and verifies against the earlier results", async () => {
    const { incident, run } = await incidentWithRun();
    await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "check-kafka-topic-lag", input: {} });
    await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "resolve", input: { ticked: ["Restart affected services"], reason: "restart first" } });
    const second = await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "resolve", input: { ticked: ["Restart affected services", "Check Kafka connectivity"] } });
    expect(second).toMatchObject({ verdict: "ticked", summary: "2 of 4 done: Restart affected services; Check Kafka connectivity", branchTo: "verify" });
    const ticks = (await getIncident(database.db, incident.id))!.timeline.filter((entry) => entry.kind === "checklist").map((entry) => entry.body);
    expect(ticks.sort()).toEqual(["Done: Check Kafka connectivity (Data Not Processing, guided diagnosis)", "Done: Restart affected services (Data Not Processing, guided diagnosis)"]);

    const verified = await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "verify", input: {} });
    expect(verified.verdict).toBe("error");
    expect(verified.data).toMatchObject({
      comparisons: [
        { step: "check-kafka-topic-lag", before: { verdict: "error" }, after: { verdict: "error" } },
        { step: "check-service-metrics", before: null, after: { verdict: "error" } },
      ],
    });
    expect(verified.summary).toMatch(/^check-kafka-topic-lag: ERROR → ERROR/);
  });

  it("an executed operation step is recorded once as the step's result, and the run suggests the verify step", async () => {
    const { incident, run } = await incidentWithRun();
    await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "check-kafka-topic-lag", input: {} });
    await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "recent-change", input: { answer: "no", reason: "ClickHouse is green" } });
    const before = await getRun({ db: database.db, incidentId: incident.id, runId: run.id, viewer: "l1" });
    expect(before.next).toEqual({ step: "restart-affected-services", reason: expect.stringContaining("restart the stalled service") });
    // What the wizard is told on the server: the target and who may not do what.
    expect(before.act?.gates["restart-affected-services"]).toEqual({ kind: "rollout-restart", title: "Rollout restart", target: "deployment/data-processing/normalization-service", confirmName: "normalization-service" });
    expect(before.act?.refusals["rollout-restart"]).toBeUndefined();
    expect(before.act?.refusals["helm-rollback"]).toBe("needs the L3 role or above (you are L1)");

    const operation = { id: "op-test-1", kind: "rollout-restart", title: "Rollout restart", target: "deployment/data-processing/normalization-service", outcome: "succeeded", message: "Restarted.", changed: [], undo: null, actor: "l1@254carbon.com", createdAt: new Date(Date.now() - 1_500).toISOString(), finishedAt: new Date().toISOString() };
    const recorded = await recordOperationStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "restart-affected-services", operation });
    expect(recorded).toMatchObject({ step: "restart-affected-services", status: "done", verdict: "succeeded", branchTo: "verify", offPathFrom: null, ranBy: "l1@254carbon.com", data: { operationId: "op-test-1", outcome: "succeeded" } });
    expect(recorded?.summary).toBe("Rollout restart deployment/data-processing/normalization-service: succeeded. Restarted.");
    // A second responder whose confirmation found it done: nothing more is recorded.
    expect(await recordOperationStep({ db: database.db, actor: l2, incidentId: incident.id, runId: run.id, stepId: "restart-affected-services", operation })).toBeNull();
    const after = await getRun({ db: database.db, incidentId: incident.id, runId: run.id });
    expect(after.steps.find((step) => step.id === "restart-affected-services")).toMatchObject({ status: "done", verdict: "succeeded", attempts: 1 });
    expect(after.next).toEqual({ step: "verify", reason: "restarted: check that the lag drains and the service processes again" });
  });

  it("an operation step is aimed at the run's service; a level too low is refused (403, audited) before anything runs", async () => {
    const incident = await declareIncident({ db: database.db, actor: l1, baseUrl: BASE, input: { title: "enrichment-service image", severity: "SEV2", services: ["enrichment-service"] } });
    const aimed = await startRun({ db: database.db, actor: l1, incidentId: incident.id, input: { procedure: "image-pull-failures" } });
    expect((await getRun({ db: database.db, incidentId: incident.id, runId: aimed.id, viewer: "l1" })).act).toMatchObject({
      gates: { "verify-image-tags": { kind: "rollout-undo", target: "deployment/data-processing/enrichment-service", confirmName: "enrichment-service" } },
      refusals: { "rollout-undo": "needs the L2 role or above (you are L1)" },
    });
    // A run from the Prometheus panel is about no service: the restart acts on the service whose target is down.
    const bare = await declareIncident({ db: database.db, actor: l1, baseUrl: BASE, input: { title: "a metrics target down", severity: "SEV3", services: [] } });
    const prometheus = await startRun({ db: database.db, actor: l1, incidentId: bare.id, input: { procedure: "prometheus-issues" } });
    await database.db.diagnosisStepResult.create({ data: { runId: prometheus.id, step: "check-targets", attempt: 1, status: "done", verdict: "warn", summary: "2/3 targets up; down: enrichment-service 127.0.0.1:19091 (connection refused)", ranBy: "l1@254carbon.com", branchTo: "check-metrics", branchReason: "next" } });
    expect((await getRun({ db: database.db, incidentId: bare.id, runId: prometheus.id, viewer: "l1" })).act?.gates["verify-metric-endpoints"]).toMatchObject({ target: "deployment/data-processing/enrichment-service" });

    const deploy = await startRun({ db: database.db, actor: l1, incidentId: incident.id, input: { procedure: "deployment-failures" } });
    for (const actor of [l1, l2])
      await expect(runOperationStep({ db: database.db, actor, incidentId: incident.id, runId: deploy.id, stepId: "perform-rollback", body: { dryRun: true } })).rejects.toMatchObject({ code: "forbidden", userMessage: expect.stringContaining("Helm rollback needs the l3 role") });
    expect(await database.db.auditLog.count({ where: { action: "operation.helm-rollback", outcome: "denied", targetId: incident.id } })).toBe(2);
    await expect(runOperationStep({ db: database.db, actor: l1, incidentId: incident.id, runId: deploy.id, stepId: "check-deployment-status", body: { dryRun: true } })).rejects.toMatchObject({ code: "bad_request", userMessage: expect.stringContaining("is a check step, not an operation") });
  });

  it("the hand-off packet lists each run: steps with verdicts, branches, off-path reasons and the pending step; L2 resumes it", async () => {
    const { incident, run } = await incidentWithRun();
    await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "check-kafka-topic-lag", input: {} });
    await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: "recent-change", input: { answer: "yes", reason: "skipping ClickHouse, its panel is green" } });
    await escalateIncident({ db: database.db, actor: l1, incidentId: incident.id, baseUrl: BASE, input: { note: "Kafka unreachable from the console; please take over" } });
    const packet = (await getIncident(database.db, incident.id))!.handoffs.at(-1)!.packet;
    expect(packet.runs).toEqual([
      expect.objectContaining({
        id: run.id,
        title: "Data Not Processing",
        state: "active",
        steps: [
          expect.objectContaining({ title: "Check Kafka topic lag", verdict: "error", by: "l1@254carbon.com", branch: expect.stringContaining("Check ClickHouse tables") }),
          expect.objectContaining({ title: "Recent change?", verdict: "answered", offPath: "instead of Check ClickHouse tables: skipping ClickHouse, its panel is green" }),
        ],
        pending: { step: "resolve", title: "Resolution", reason: expect.stringContaining("a recent change is the likeliest cause") },
      }),
    ]);
    expect(handoffPacketMarkdown(packet)).toContain("**Next: Resolution** — a recent change is the likeliest cause");

    // L2 picks the run up where L1 left it.
    const resumed = await getRun({ db: database.db, incidentId: incident.id, runId: run.id });
    expect(resumed.next?.step).toBe("resolve");
    const ticked = await runStep({ db: database.db, actor: l2, incidentId: incident.id, runId: run.id, stepId: "resolve", input: { ticked: ["Check Kafka connectivity"] } });
    expect(ticked).toMatchObject({ ranBy: "l2@254carbon.com", offPathFrom: null });
  });
});
