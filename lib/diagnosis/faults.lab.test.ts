/**
 * Guided diagnosis against the lab, fault by fault: inject the fault, wait until the overview's
 * collector (the console's own panels and judgements) suggests the procedure, start that
 * procedure's run on an incident through the use cases the UI calls, follow the suggested
 * path to the resolution, and check the verdicts, the resolution offered and the evidence on
 * the timeline. Where the runbook's resolution is an operation the console offers (a stalled
 * consumer, a failed Helm upgrade, an unpullable image, a stopped exporter), the run goes on
 * through the operation step — preview, execution with the typed name — and its verify step
 * passes: the fault is cleared by the operation, not by `lab heal`. Then heal. Needs the lab
 * up and the test PostgreSQL (started here when absent). Run it under `flock /tmp/lab.lock`:
 * it injects faults.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FAULTS, fault, healAll } from "@/lab/faults/registry";
import { labEnv } from "@/lab/core/lab-env";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { thresholdsFor, type CatalogService } from "@/lib/config/catalog";
import { HealthCollector } from "@/lib/health/collector";
import { catalogPanels, collectorOptions } from "@/lib/health/panels";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { getIncident } from "@/lib/incidents/get-incident";
import type { ExecuteOutcome } from "@/lib/operations/execute-operation";
import type { OperationPreview } from "@/lib/operations/preview-operation";
import { runOperationStep } from "@/lib/operations/run-operation-step";
import { verifyOperation } from "@/lib/operations/verify-operation";
import { createUser } from "@/lib/users/create-user";
import { FAULT_SIGNATURES } from "@/test/fault-signatures";
import { labContext } from "@/test/lab-catalog";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { findProcedure } from "./catalogue";
import { getRun } from "./get-run";
import { runStep } from "./run-step";
import { startRun } from "./start-run";
import { suggestProcedures } from "./suggest-procedures";
import type { RunJson, StepResultJson } from "./types";

/** What the path must show for a fault, beyond "a check on it warns or fails": verdicts by step. */
const EXPECTED: Record<string, Record<string, string[]>> = {
  "consumer-stall": { "check-kafka-topic-lag": ["warn", "fail"], "review-error-logs": ["ok", "warn"] },
  crashloop: { "check-pod-events": ["warn", "fail"], "previous-logs": ["warn"] },
  "rate-limit-storm": { "check-rate-limit-metrics": ["warn"], "check-redis-rate-limit-data": ["warn"], "check-service-logs": ["warn"] },
  "broker-down": { "check-broker-status": ["error", "fail"] },
};

/** A finding that must be on the panels before the run starts: the fault has had time to show (lag over the warning threshold). */
const SETTLED: Record<string, RegExp> = {
  "consumer-stall": /lag \d{1,3}(,\d{3})+ /,
  // memory over the warning level (85 % of the limit), where the checks judge it too
  oom: /memory (8[5-9]|9\d|\d{3}) % of limit/,
};

/**
 * Faults the run clears through its operation step, with the level that may do the
 * operation (L1 restarts; rolling back a release or a Deployment is L3's and L2's work).
 */
const CLEARED_BY_OPERATION: Record<string, { step: string; role: "l1" | "l3" }> = {
  "consumer-stall": { step: "restart-affected-services", role: "l1" },
  "helm-failed": { step: "perform-rollback", role: "l3" },
  "image-pull": { step: "verify-image-tags", role: "l3" },
  "target-down": { step: "verify-metric-endpoints", role: "l1" },
  // the rollout restart gives Jaeger's Deployment a new pod, whose container (the collector) the lab starts
  "jaeger-down": { step: "restart-jaeger-components", role: "l1" },
};

const DETECT_WITHIN_MS = 30_000;
const SETTLE_WITHIN_MS = 150_000;
let database: TestDatabase;
let l1: Actor;
let l3: Actor;
let collector: HealthCollector;

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) process.env.TEST_DATABASE_URL = execFileSync("bash", ["scripts/test-postgres.sh", "start"], { encoding: "utf8" }).trim();
  // The console under test sees the lab as `npm run demo` does: its environment, default catalog.
  Object.assign(process.env, labEnv());
  const dir = mkdtempSync(path.join(tmpdir(), "console-config-"));
  writeFileSync(path.join(dir, "console.config.yaml"), "");
  process.env.CONSOLE_CONFIG = path.join(dir, "console.config.yaml");
  database = await createTestDatabase();
  const user = await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "l1@254carbon.com", role: "l1", password: "a long password" } });
  l1 = { kind: "user", id: user.id, email: user.email, name: null, role: "l1" };
  const senior = await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email: "l3@254carbon.com", role: "l3", password: "a long password" } });
  l3 = { kind: "user", id: senior.id, email: senior.email, name: null, role: "l3" };
  const base = labContext();
  collector = new HealthCollector(catalogPanels(base.catalog, (service?: CatalogService) => ({ ...base, thresholds: thresholdsFor(base.catalog, service) })), collectorOptions(base.catalog));
  await healAll({ quiet: true });
});
afterEach(async () => {
  await healAll({ quiet: true });
});
afterAll(async () => {
  collector?.stop();
  await healAll({ quiet: true });
  await database?.drop();
});

/** Polls the console's panels until one suggests the procedure (as the overview would show it), with a reason matching `settled` when given. */
async function waitForSuggestion(procedure: string, settled: RegExp | undefined) {
  const started = Date.now();
  for (;;) {
    const snapshot = await collector.snapshot();
    const suggestion = suggestProcedures(snapshot).find((candidate) => candidate.id === procedure && (!settled || settled.test(candidate.reason)));
    if (suggestion || Date.now() - started > (settled ? SETTLE_WITHIN_MS : DETECT_WITHIN_MS)) return suggestion;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * Presses the suggested step until the run offers its resolution — the checklist or an
 * operation — or ends: what a responder following the wizard does. A question is answered
 * towards the runbook's operation when one of its answers leads there (no recent change →
 * restart; a failed upgrade → roll back), else with its first answer.
 */
async function followToResolution(incidentId: string, run: RunJson): Promise<{ run: RunJson; path: StepResultJson[] }> {
  const procedure = findProcedure(run.procedure)!;
  const path: StepResultJson[] = [];
  let current = run;
  for (let pressed = 0; pressed < 15 && current.next; pressed++) {
    const step = procedure.steps.find((candidate) => candidate.id === current.next!.step)!;
    if (step.kind === "checklist" || step.kind === "operation") break;
    const toOperation = step.kind === "question" ? step.answers.find((answer) => procedure.steps.find((candidate) => candidate.id === answer.goto)?.kind === "operation") : undefined;
    const input = step.kind === "question" ? { answer: (toOperation ?? step.answers[0]!).value } : {};
    path.push(await runStep({ db: database.db, actor: l1, incidentId, runId: run.id, stepId: step.id, input }));
    current = await getRun({ db: database.db, incidentId, runId: run.id });
  }
  return { run: current, path };
}

/**
 * The operation step as the wizard does it: the preview (the API server's dry run), the
 * execution with the object's name typed, the operation's own verification (its checks
 * until they pass), then the procedure's verify step, re-run while the symptom drains as a
 * responder would, until it no longer fails and ends the run.
 */
async function clearThroughOperation(fault: string, incidentId: string, run: RunJson, stepId: string, actor: Actor) {
  const step = { db: database.db, actor, incidentId, runId: run.id, stepId };
  const preview = (await runOperationStep({ ...step, body: { dryRun: true } })) as OperationPreview;
  expect(preview.disabled, `${fault}: ${preview.disabled}`).toBeNull();
  expect(preview.changes.length, `${fault}: the preview shows no change`).toBeGreaterThan(0);
  const executed = (await runOperationStep({ ...step, body: { confirm: preview.target.confirmName, idempotencyKey: preview.idempotencyKey } })) as ExecuteOutcome;
  console.log(`[operation] ${fault}: ${preview.title} ${preview.target.id}: ${executed.operation.outcome} (${executed.message})`);
  expect(executed.operation.outcome, `${fault}: ${executed.message}`).toBe("succeeded");
  const verified = await verifyOperation({ db: database.db, actor, incidentId, operationId: executed.operation.id, waitSeconds: 120 });
  expect(verified.verification?.passed, `${fault}: ${JSON.stringify(verified.verification?.comparisons)}`).toBe(true);

  // The run recorded the operation as the step's result and suggests the verify step.
  const after = await getRun({ db: database.db, incidentId, runId: run.id });
  expect(after.steps.find((candidate) => candidate.id === stepId)).toMatchObject({ status: "done", verdict: "succeeded" });
  expect(after.next?.step).toBe("verify");
  let verify: StepResultJson | undefined;
  for (let attempt = 1; attempt <= 12; attempt++) {
    verify = await runStep({ db: database.db, actor, incidentId, runId: run.id, stepId: "verify", input: attempt > 1 ? { reason: "re-run while the symptom drains" } : {} });
    if (verify.verdict !== "fail") break;
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
  console.log(`[verify] ${fault}: ${verify!.verdict}: ${verify!.summary}`);
  expect(verify!.verdict, `${fault}: the verify step still fails: ${verify!.summary}`).not.toBe("fail");
  expect(verify!.branchTo).toBe("end");
  expect((await getRun({ db: database.db, incidentId, runId: run.id })).state).toBe("finished");
}

describe("guided diagnosis of every lab fault", () => {
  for (const entry of FAULTS) {
    const signature = FAULT_SIGNATURES[entry.name];
    if (!signature) continue; // lib/health/detection.lab.test.ts fails for a fault without a signature
    it(`${entry.name} → ${signature.procedure}: suggested, the path shows the symptom, the resolution is offered, the evidence is on the timeline`, async () => {
      await entry.inject();
      try {
        const suggestion = await waitForSuggestion(signature.procedure, SETTLED[entry.name]);
        expect(suggestion, `${entry.name}: the panels never suggested ${signature.procedure}`).toBeDefined();

        const incident = await declareIncident({ db: database.db, actor: l1, baseUrl: "http://console.test", input: { title: `Lab: ${entry.name}`, severity: "SEV2", services: [] } });
        // As from the suggestion's Diagnose: the run looks at the service whose panel found it.
        const started = await startRun({ db: database.db, actor: l1, incidentId: incident.id, input: { procedure: signature.procedure, ...(suggestion!.service ? { service: suggestion!.service } : {}) } });
        expect(started.service).toBe(suggestion!.service);
        const { run, path: taken } = await followToResolution(incident.id, started);
        const verdicts = Object.fromEntries(taken.map((result) => [result.step, result.verdict]));
        console.log(`[diagnosis] ${entry.name}: ${taken.map((result) => `${result.step}=${result.verdict} (${result.summary})`).join(" → ")} → ${run.next?.step ?? "end"}`);

        // The symptom on the path: a warning or failure, or (for the system that is down) its backend unreachable.
        expect(taken.some((result) => ["warn", "fail", "error"].includes(result.verdict ?? "")), `${entry.name}: no check on the path saw the symptom: ${JSON.stringify(verdicts)}`).toBe(true);
        for (const [step, allowed] of Object.entries(EXPECTED[entry.name] ?? {})) expect(allowed, `${entry.name}: ${step} was ${verdicts[step]}`).toContain(verdicts[step]);

        // The run offers the runbook's resolution: the operation that clears the fault, else the checklist (ticking it lands on the timeline).
        const procedure = findProcedure(signature.procedure)!;
        const resolution = procedure.steps.find((step) => step.id === run.next?.step);
        const operated = CLEARED_BY_OPERATION[entry.name];
        if (operated) expect(resolution?.id, `${entry.name}: the path ended at ${run.next?.step ?? "the end"} instead of the operation`).toBe(operated.step);
        else expect(["checklist", "operation"], `${entry.name}: the path ended at ${run.next?.step ?? "the end"} instead of the resolution`).toContain(resolution?.kind);
        if (resolution?.kind === "checklist") {
          if (procedure.kind === "procedure") expect(resolution.items).toEqual(procedure.resolution);
          await runStep({ db: database.db, actor: l1, incidentId: incident.id, runId: run.id, stepId: resolution.id, input: { ticked: [resolution.items[0]!] } });
        }
        if (operated && resolution?.kind === "operation") await clearThroughOperation(entry.name, incident.id, run, resolution.id, operated.role === "l3" ? l3 : l1);

        const timeline = (await getIncident(database.db, incident.id))!.timeline;
        const evidence = timeline.filter((item) => item.kind === "evidence").map((item) => item.data as { check: string; verdict: string; run?: { id: string; step: string }; command?: string });
        const ranChecks = taken.filter((result) => result.verdict !== "answered");
        expect(evidence.filter((item) => item.run?.id === run.id && item.check !== "question" && item.check !== "verify")).toHaveLength(ranChecks.length);
        // The operation and the verify step after it are on the timeline too.
        if (operated) {
          expect(timeline.some((item) => item.kind === "operation" && (item.data as { phase?: string; outcome?: string }).phase === "execute" && (item.data as { outcome?: string }).outcome === "succeeded"), `${entry.name}: no operation on the timeline`).toBe(true);
          expect(evidence.some((item) => item.run?.id === run.id && item.check === "verify" && item.verdict !== "fail"), `${entry.name}: no passing verify evidence`).toBe(true);
        }
        for (const result of ranChecks) {
          const item = evidence.find((candidate) => candidate.run?.step === result.step);
          expect(item, `${entry.name}: no evidence for ${result.step}`).toMatchObject({ verdict: result.verdict, command: expect.any(String) });
        }
        expect(timeline.some((item) => item.kind === "checklist" && item.body?.includes(procedure.title))).toBe(resolution?.kind === "checklist");
      } finally {
        await fault(entry.name).heal();
      }
    }, 240_000);
  }
});
