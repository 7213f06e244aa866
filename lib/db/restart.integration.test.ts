import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/errors";
import { addNote } from "@/lib/incidents/add-note";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { runAction } from "@/lib/server/run-action";
import { getRun } from "@/lib/diagnosis/get-run";
import { runStep } from "@/lib/diagnosis/run-step";
import { startRun } from "@/lib/diagnosis/start-run";
import { blackHole, type BlackHole } from "@/test/sockets";
import { createDb, type DbHandle } from "./client";
import { applyMigrations } from "./migrations";

const run = promisify(execFile);

/**
 * The console's own PostgreSQL restarted mid-incident, while responders write notes. A
 * cluster of its own (scripts/test-postgres.sh on another port), so stopping it disturbs no
 * other test. Promises: a write during the outage answers 503 with a sentence that says
 * nothing was saved and the input is kept (the forms keep it: e2e/unreachable.spec.ts); no
 * write reported saved is lost; each failed write succeeds once when retried; the same
 * connection pool recovers without a restart of the console. A wizard step pressed before
 * the outage whose result could not be written does not hold its step hostage: the retry
 * after the restart runs it and records it once.
 */
const PORT = "54339";
const cluster = (command: "start" | "stop") =>
  run("bash", ["scripts/test-postgres.sh", command], { env: { ...process.env, TEST_PG_PORT: PORT, TEST_PG_DIR: `/var/tmp/incident-console-restart-pg-${PORT}` } });

const lena: Extract<Actor, { kind: "user" }> = { kind: "user", id: "u-restart-l1", email: "restart.l1@254carbon.com", name: null, role: "l1" };

describe("the console's database restarted mid-incident (real PostgreSQL)", () => {
  let handle: DbHandle;
  let incidentId = "";
  let hung: BlackHole;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    // A step's check that takes its whole deadline (Kafka never answers), so the database can stop under it.
    hung = await blackHole();
    process.env.KAFKA_BROKERS = `127.0.0.1:${hung.port}`;
    const configDir = await mkdtemp(path.join(tmpdir(), "console-config-"));
    process.env.CONSOLE_CONFIG = path.join(configDir, "console.config.yaml");
    await writeFile(process.env.CONSOLE_CONFIG, "probe:\n  deadline: 4s\n");
    const server = (await cluster("start")).stdout.trim();
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query("DROP DATABASE IF EXISTS console_restart WITH (FORCE)");
    await admin.query("CREATE DATABASE console_restart");
    await admin.end();
    const url = server.replace(/\/postgres$/, "/console_restart");
    const migrator = new pg.Client({ connectionString: url });
    await migrator.connect();
    await applyMigrations(migrator);
    await migrator.end();
    handle = createDb(url, 5);
    await handle.db.user.create({ data: { id: lena.id, email: lena.email, role: "l1", passwordHash: "x" } });
    incidentId = (await declareIncident({ db: handle.db, actor: lena, baseUrl: "http://console.test", input: { title: "Restart drill", severity: "SEV2" } })).id;
  }, 120_000);

  afterAll(async () => {
    process.env = savedEnv;
    await hung?.close();
    await handle?.db.$disconnect();
    await handle?.pool.end().catch(() => {});
    await cluster("stop");
  });

  const save = (key: string) => runAction("incident.note.add", () => addNote({ db: handle.db, actor: lena, incidentId, input: { body: `finding ${key}`, idempotencyKey: key } }));

  it("notes written while it stops and restarts: none reported saved is lost, each failed one is saved once on retry", async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `restart-note-${String(i).padStart(2, "0")}`);
    const outcomes = new Map<string, Awaited<ReturnType<typeof save>>>();
    // Responders keep writing (one note every 40 ms) while the database stops under them.
    const writing = (async () => {
      for (const key of keys) {
        outcomes.set(key, await save(key));
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    })();
    // Stop once a few are saved, so both sides of the outage are exercised.
    while ([...outcomes.values()].filter((outcome) => outcome.ok).length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    await cluster("stop");
    await writing;

    const saved = keys.filter((key) => outcomes.get(key)?.ok);
    const failed = keys.filter((key) => !outcomes.get(key)?.ok);
    expect(saved.length).toBeGreaterThan(0);
    expect(failed.length).toBeGreaterThan(0);
    for (const key of failed) {
      expect(outcomes.get(key)).toEqual({ ok: false, error: { code: "unavailable", message: DATABASE_UNAVAILABLE_MESSAGE } });
    }

    await cluster("start");
    // The same pool, no restart of the console: the first write after the restart succeeds.
    for (const key of failed) expect((await save(key)).ok, key).toBe(true);
    // A second retry of every note (an answer lost in the restart) adds nothing.
    for (const key of keys) expect((await save(key)).ok, key).toBe(true);

    const notes = await handle.db.timelineEvent.findMany({ where: { incidentId, kind: "note" }, select: { idempotencyKey: true } });
    expect(notes.map((note) => note.idempotencyKey).sort()).toEqual(keys);
  }, 120_000);

  it("a declaration during the outage is refused with the same sentence; after the restart it goes through once", async () => {
    await cluster("stop");
    const input = { title: "Declared across a restart", severity: "SEV3" as const, idempotencyKey: "restart-declare-1" };
    const during = await runAction("incident.declare", () => declareIncident({ db: handle.db, actor: lena, baseUrl: "http://console.test", input }));
    expect(during).toEqual({ ok: false, error: { code: "unavailable", message: DATABASE_UNAVAILABLE_MESSAGE } });
    await cluster("start");
    const after = await runAction("incident.declare", () => declareIncident({ db: handle.db, actor: lena, baseUrl: "http://console.test", input }));
    const again = await runAction("incident.declare", () => declareIncident({ db: handle.db, actor: lena, baseUrl: "http://console.test", input }));
    expect(after.ok && again.ok && after.value.id === again.value.id).toBe(true);
    expect(await handle.db.incident.count({ where: { title: input.title } })).toBe(1);
  }, 120_000);

  it("a wizard step whose result could not be written (the database stopped while its check ran) runs again after the restart and is recorded once", async () => {
    const run = await startRun({ db: handle.db, actor: lena, incidentId, input: { procedure: "data-not-processing" } });
    const step = run.next!.step;
    const press = runAction("diagnosis.step.run", () => runStep({ db: handle.db, actor: lena, incidentId, runId: run.id, stepId: step, input: {} }));
    // the claim is written and the check waits on the silent broker: the database stops now
    while ((await handle.db.diagnosisStepResult.count({ where: { runId: run.id, status: "running" } }).catch(() => 0)) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await cluster("stop");
    expect(await press).toEqual({ ok: false, error: { code: "unavailable", message: DATABASE_UNAVAILABLE_MESSAGE } });

    await cluster("start");
    // The responder presses again (the form kept the page): the step runs, not "someone is running it" for minutes.
    const retry = await runAction("diagnosis.step.run", () => runStep({ db: handle.db, actor: lena, incidentId, runId: run.id, stepId: step, input: {} }));
    expect(retry.ok ? retry.value : retry.error).toMatchObject({ status: "done", verdict: "error" });
    const stored = await getRun({ db: handle.db, incidentId, runId: run.id });
    const done = stored.results.filter((result) => result.step === step && result.status === "done");
    expect(done).toHaveLength(1);
    // the interrupted press is not left "running" for live viewers
    expect(stored.results.filter((result) => result.status === "running")).toEqual([]);
    const evidence = await handle.db.timelineEvent.count({ where: { incidentId, kind: "evidence" } });
    expect(evidence).toBe(1);
  }, 120_000);
});
