import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/errors";
import { addNote } from "@/lib/incidents/add-note";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { runAction } from "@/lib/server/run-action";
import { createDb, type DbHandle } from "./client";
import { applyMigrations } from "./migrations";

const run = promisify(execFile);

/**
 * The console's own PostgreSQL restarted mid-incident, while responders write notes. A
 * cluster of its own (scripts/test-postgres.sh on another port), so stopping it disturbs no
 * other test. Promises: a write during the outage answers 503 with a sentence that says
 * nothing was saved and the input is kept (the forms keep it: e2e/unreachable.spec.ts); no
 * write reported saved is lost; each failed write succeeds once when retried; the same
 * connection pool recovers without a restart of the console.
 */
const PORT = "54339";
const cluster = (command: "start" | "stop") =>
  run("bash", ["scripts/test-postgres.sh", command], { env: { ...process.env, TEST_PG_PORT: PORT, TEST_PG_DIR: `/var/tmp/incident-console-restart-pg-${PORT}` } });

const lena: Extract<Actor, { kind: "user" }> = { kind: "user", id: "u-restart-l1", email: "restart.l1@254carbon.com", name: null, role: "l1" };

describe("the console's database restarted mid-incident (real PostgreSQL)", () => {
  let handle: DbHandle;
  let incidentId = "";

  beforeAll(async () => {
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
});
