import { createServer, type Server } from "node:http";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import type { Actor } from "@/lib/auth/actor";
import { createUser } from "@/lib/users/create-user";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { deliverNotifications } from "@/lib/notifications/deliver-notifications";
import { acknowledgeHandoff } from "./acknowledge-handoff";
import { addNote } from "./add-note";
import { changeStatus } from "./change-status";
import { declareIncident } from "./declare-incident";
import { editNote } from "./edit-note";
import { escalateIncident } from "./escalate-incident";
import { expireHandoffs } from "./expire-handoffs";
import { getIncident } from "./get-incident";
import { incidentStats, incidentFilters, listIncidents } from "./list-incidents";
import { tickChecklist } from "./tick-checklist";

const BASE = "http://console.test";

/** A real HTTP receiver for the webhook: records what the console sent, can be told to fail. */
function webhookReceiver() {
  const received: { text: string }[] = [];
  let failuresLeft = 0;
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      if (failuresLeft > 0) {
        failuresLeft--;
        response.writeHead(500).end();
        return;
      }
      received.push(JSON.parse(body));
      response.writeHead(200).end("ok");
    });
  });
  return {
    received,
    failNext: (count: number) => (failuresLeft = count),
    listen: () => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("incident record (real PostgreSQL)", () => {
  let database: TestDatabase;
  let l1: Actor;
  let l2: Actor;
  let l3: Actor;
  const receiver = webhookReceiver();

  beforeAll(async () => {
    const port = await receiver.listen();
    const dir = await mkdtemp(path.join(tmpdir(), "console-config-"));
    const file = path.join(dir, "console.config.yaml");
    await writeFile(file, `escalation:\n  ackDeadline:\n    SEV1: 2s\n    SEV2: 2s\nnotifications:\n  webhookUrl: http://127.0.0.1:${port}/hook\n`);
    process.env.CONSOLE_CONFIG = file;
    database = await createTestDatabase();
    const make = async (email: string, role: "l1" | "l2" | "l3" | "viewer"): Promise<Actor> => {
      const user = await createUser({ db: database.db, actor: SYSTEM_ACTOR, input: { email, role, password: "a long password" } });
      return { kind: "user", id: user.id, email: user.email, name: null, role };
    };
    l1 = await make("l1@254carbon.com", "l1");
    l2 = await make("l2@254carbon.com", "l2");
    l3 = await make("l3@254carbon.com", "l3");
  });
  afterAll(async () => {
    delete process.env.CONSOLE_CONFIG;
    await receiver.close();
    await database.drop();
  });
  beforeEach(() => {
    receiver.received.length = 0;
  });

  it("declares, notes, escalates with a packet from the timeline, and only the receiving level acknowledges", async () => {
    const incident = await declareIncident({ db: database.db, actor: l1, baseUrl: BASE, input: { title: "Ticks not reaching ClickHouse", severity: "SEV2", services: ["normalization-service"] } });
    expect(incident).toMatchObject({ level: "L1", status: "investigating", ownerId: l1.kind === "user" ? l1.id : null });
    expect(incident.acknowledgedAt).not.toBeNull();
    await addNote({ db: database.db, actor: l1, incidentId: incident.id, input: { body: "Consumer lag on `normalization-group` is **12k** and growing" } });
    await changeStatus({ db: database.db, actor: l1, incidentId: incident.id, input: { status: "identified" } });
    await escalateIncident({
      db: database.db,
      actor: l1,
      incidentId: incident.id,
      baseUrl: BASE,
      input: { note: "Restart did not help; need someone who knows the consumer config", hypothesis: "Rebalance storm", openQuestions: ["Was the topic repartitioned?"] },
    });

    const detail = (await getIncident(database.db, incident.id))!;
    expect(detail.incident.level).toBe("L2");
    const handoff = detail.handoffs.at(-1)!;
    expect(handoff.packet.findings.map((finding) => finding.text)).toEqual(["Consumer lag on `normalization-group` is **12k** and growing"]);
    expect(handoff.packet.statusHistory).toEqual([expect.objectContaining({ from: "investigating", to: "identified" })]);
    expect(handoff.packet.hypothesis).toBe("Rebalance storm");
    expect(handoff.packet.openQuestions).toEqual(["Was the topic repartitioned?"]);
    expect(handoff.packet.link).toBe(`${BASE}/incidents/${incident.id}`);
    expect(detail.timeline.map((entry) => entry.kind)).toEqual(["escalation", "status", "note", "declared"]);

    await expect(acknowledgeHandoff({ db: database.db, actor: l3, incidentId: incident.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(acknowledgeHandoff({ db: database.db, actor: l1, incidentId: incident.id })).rejects.toMatchObject({ code: "forbidden" });
    await acknowledgeHandoff({ db: database.db, actor: l2, incidentId: incident.id });
    const after = (await getIncident(database.db, incident.id))!;
    expect(after.incident.owner).toBe("l2@254carbon.com");
    expect(after.handoffs.at(-1)!.acknowledgedBy).toBe("l2@254carbon.com");
    const denied = await database.db.auditLog.count({ where: { action: "incident.acknowledge", outcome: "denied", targetId: incident.id } });
    expect(denied).toBe(2);
  });

  it("refuses to escalate beyond L3 and audits the attempt", async () => {
    const incident = await declareIncident({ db: database.db, actor: l1, baseUrl: BASE, input: { title: "Data loss in market_ticks", severity: "SEV1", emergency: "data-loss" } });
    expect(incident.level).toBe("L3");
    await expect(escalateIncident({ db: database.db, actor: l3, incidentId: incident.id, baseUrl: BASE, input: { note: "more" } })).rejects.toMatchObject({
      code: "conflict",
      userMessage: expect.stringContaining("already at L3"),
    });
    expect(await database.db.auditLog.count({ where: { action: "incident.escalate", outcome: "denied", targetId: incident.id } })).toBe(1);
    const detail = (await getIncident(database.db, incident.id))!;
    expect(detail.checklist.map((item) => item.text)).toEqual(expect.arrayContaining(["Stop data processing", "Restore from backup"]));
    await tickChecklist({ db: database.db, actor: l3, incidentId: incident.id, input: { itemId: detail.checklist[0]!.id, done: true } });
    const ticked = (await getIncident(database.db, incident.id))!;
    expect(ticked.timeline[0]).toMatchObject({ kind: "checklist", body: expect.stringContaining("Done:") });
  });

  it("refuses to escalate past a level that has not acknowledged, and refuses people below the incident's level", async () => {
    const incident = await declareIncident({ db: database.db, actor: l1, baseUrl: BASE, input: { title: "Skip a level", severity: "SEV2" } });
    await escalateIncident({ db: database.db, actor: l1, incidentId: incident.id, baseUrl: BASE, input: { note: "Need L2" } });
    await expect(escalateIncident({ db: database.db, actor: l1, incidentId: incident.id, baseUrl: BASE, input: { note: "Need L3 too" } })).rejects.toMatchObject({
      code: "conflict",
      userMessage: expect.stringContaining("The hand-off to L2 is waiting for acknowledgement"),
    });
    await acknowledgeHandoff({ db: database.db, actor: l2, incidentId: incident.id });
    await expect(escalateIncident({ db: database.db, actor: l1, incidentId: incident.id, baseUrl: BASE, input: { note: "Need L3" } })).rejects.toMatchObject({
      code: "forbidden",
      userMessage: expect.stringContaining("only L2 or above"),
    });
    await escalateIncident({ db: database.db, actor: l2, incidentId: incident.id, baseUrl: BASE, input: { note: "Need L3" } });
    const detail = (await getIncident(database.db, incident.id))!;
    expect(detail.handoffs.map((handoff) => `${handoff.fromLevel}>${handoff.toLevel}`)).toEqual(["L1>L2", "L2>L3"]);
    const denied = await database.db.auditLog.findMany({ where: { action: "incident.escalate", outcome: "denied", targetId: incident.id }, orderBy: { id: "asc" } });
    expect(denied.map((row) => row.detail)).toEqual(["hand-off to L2 not yet acknowledged", "incident is at L2"]);
  });

  it("a hand-off the incident has moved past expires without a false 'no higher level' entry or a page to management", async () => {
    const incident = await declareIncident({ db: database.db, actor: l1, baseUrl: BASE, input: { title: "Stale hand-off", severity: "SEV2" } });
    await escalateIncident({ db: database.db, actor: l1, incidentId: incident.id, baseUrl: BASE, input: { note: "Need L2" } });
    // The state the old code reached by escalating twice: a pending L1→L2 hand-off on an L3 incident.
    await database.db.incident.update({ where: { id: incident.id }, data: { level: "L3" } });
    const notificationsBefore = await database.db.notification.count({ where: { incidentId: incident.id } });
    const expired = await expireHandoffs({ db: database.db, baseUrl: BASE, now: new Date(Date.now() + 3_000) });
    expect(expired).toContain(incident.id);
    const detail = (await getIncident(database.db, incident.id))!;
    expect(detail.timeline.filter((entry) => entry.kind === "auto_escalation")).toHaveLength(0);
    expect(await database.db.notification.count({ where: { incidentId: incident.id } })).toBe(notificationsBefore);
  });

  it("an unacknowledged escalation auto-escalates exactly once, even with two workers racing", async () => {
    const incident = await declareIncident({ db: database.db, actor: l1, baseUrl: BASE, input: { title: "Broker down", severity: "SEV2", services: ["kafka"] } });
    await escalateIncident({ db: database.db, actor: l1, incidentId: incident.id, baseUrl: BASE, input: { note: "Broker will not start" } });
    // Two workers with their own connections, as two console processes would have.
    const other = createDb(database.url, 5);
    try {
      const later = new Date(Date.now() + 3_000);
      const rounds = await Promise.all([
        expireHandoffs({ db: database.db, baseUrl: BASE, now: later }),
        expireHandoffs({ db: other.db, baseUrl: BASE, now: later }),
        expireHandoffs({ db: other.db, baseUrl: BASE, now: later }),
      ]);
      expect(rounds.flat().filter((id) => id === incident.id)).toHaveLength(1);
    } finally {
      await other.db.$disconnect();
      await other.pool.end();
    }
    const detail = (await getIncident(database.db, incident.id))!;
    expect(detail.incident.level).toBe("L3");
    expect(detail.handoffs.map((handoff) => [handoff.fromLevel, handoff.toLevel, handoff.automatic])).toEqual([
      ["L1", "L2", false],
      ["L2", "L3", true],
    ]);
    expect(detail.timeline.filter((entry) => entry.kind === "auto_escalation")).toHaveLength(1);
    // Nothing more to do at the same moment: the timer fired once.
    expect(await expireHandoffs({ db: database.db, baseUrl: BASE, now: new Date(Date.now() + 3_000) })).not.toContain(incident.id);
  });

  it("a retried note with the same idempotency key is saved once", async () => {
    const incident = await declareIncident({ db: database.db, actor: l1, baseUrl: BASE, input: { title: "Slow queries", severity: "SEV3" } });
    const input = { body: "query_log shows 40 s scans", idempotencyKey: "note-retry-0001" };
    const results = await Promise.all([1, 2, 3].map(() => addNote({ db: database.db, actor: l1, incidentId: incident.id, input })));
    expect(new Set(results.map((result) => result.entry.id)).size).toBe(1);
    expect(await database.db.timelineEvent.count({ where: { incidentId: incident.id, kind: "note" } })).toBe(1);
  });

  it("edits keep the previous text; only the author may edit", async () => {
    const incident = await declareIncident({ db: database.db, actor: l1, baseUrl: BASE, input: { title: "Typo", severity: "SEV4" } });
    const { entry } = await addNote({ db: database.db, actor: l1, incidentId: incident.id, input: { body: "frist" } });
    await editNote({ db: database.db, actor: l1, incidentId: incident.id, input: { eventId: entry.id, body: "first" } });
    const revisions = await database.db.noteRevision.findMany({ where: { eventId: BigInt(entry.id) } });
    expect(revisions.map((revision) => revision.body)).toEqual(["frist"]);
    await expect(editNote({ db: database.db, actor: l2, incidentId: incident.id, input: { eventId: entry.id, body: "mine now" } })).rejects.toMatchObject({ code: "forbidden" });
    const refusals = await database.db.auditLog.findMany({ where: { action: "incident.note.edit", outcome: "denied", targetId: incident.id } });
    expect(refusals.map((row) => [row.actor, row.detail])).toEqual([["l2@254carbon.com", "not the author"]]);
    const note = await database.db.timelineEvent.findUnique({ where: { id: BigInt(entry.id) } });
    expect(note?.body).toBe("first");
    await expect(editNote({ db: database.db, actor: l1, incidentId: incident.id, input: { eventId: "99999999999999999999", body: "x" } })).rejects.toMatchObject({ code: "bad_request" });
  });

  it("delivers notifications from the outbox, retrying failures, and records delivery on the timeline", async () => {
    // Send what earlier tests left in the outbox, so this test counts only its own.
    while ((await deliverNotifications({ db: database.db, now: new Date(Date.now() + 3_600_000) })) > 0);
    receiver.received.length = 0;
    const incident = await declareIncident({ db: database.db, actor: l1, baseUrl: BASE, input: { title: "Security breach on api_keys", severity: "SEV1", emergency: "security-breach" } });
    receiver.failNext(1);
    // First attempt: both notifications (L3 and the security team) are tried; one fails.
    expect(await deliverNotifications({ db: database.db })).toBe(2);
    expect(receiver.received).toHaveLength(1);
    const pending = await database.db.notification.findMany({ where: { incidentId: incident.id, status: "pending" } });
    expect(pending).toHaveLength(1);
    expect(pending[0]!.attempts).toBe(1);
    expect(pending[0]!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing is sent early.
    expect(await deliverNotifications({ db: database.db })).toBe(0);
    expect(await deliverNotifications({ db: database.db, now: new Date(Date.now() + 10_000) })).toBe(1);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received.map((message) => message.text).join("\n")).toMatch(/Security breach declared: INC-\d+/);
    const notes = (await getIncident(database.db, incident.id))!.timeline.filter((entry) => entry.kind === "notification").map((entry) => entry.body);
    expect(notes).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Notified Security Team/), expect.stringMatching(/failed \(HTTP 500\); retrying/), expect.stringMatching(/^Notified L3/)]),
    );
  });

  it("lists with filters and keyset pages, and computes MTTA/MTTR", async () => {
    const resolved = await declareIncident({ db: database.db, actor: l1, baseUrl: BASE, input: { title: "Grafana datasource errors", severity: "SEV4", services: ["grafana"] } });
    await changeStatus({ db: database.db, actor: l1, incidentId: resolved.id, input: { status: "resolved" } });
    const page1 = await listIncidents(database.db, incidentFilters.parse({ limit: 2 }));
    expect(page1.incidents).toHaveLength(2);
    const page2 = await listIncidents(database.db, incidentFilters.parse({ limit: 2, after: page1.next! }));
    expect(page2.incidents[0]!.id).not.toBe(page1.incidents[1]!.id);
    const grafana = await listIncidents(database.db, incidentFilters.parse({ service: "grafana", status: "resolved", q: "DATASOURCE" }));
    expect(grafana.incidents.map((incident) => incident.id)).toEqual([resolved.id]);
    const stats = await incidentStats(database.db, incidentFilters.parse({ status: "resolved" }), { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 1_000) });
    expect(stats.count).toBeGreaterThanOrEqual(1);
    expect(stats.mttr).not.toBeNull();
  });
});
