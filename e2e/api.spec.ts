import { expect, test } from "@playwright/test";
import { cli, STATE } from "./support";

/** The JSON API's contract, as a script using an API key sees it (against the :3100 console). */
let key = "";

test.beforeAll(async () => {
  const output = await cli(["api-key", "create", "--name", "api-contract", "--role", "l1"]);
  key = output.trim().split("\n").pop()!.trim();
  expect(key).toMatch(/^ick_/);
});

test("a declaration repeated with one idempotency key returns the first incident; a different key declares another", async ({ request }) => {
  const headers = (idempotencyKey: string) => ({ Authorization: `Bearer ${key}`, "Idempotency-Key": idempotencyKey });
  const data = { title: `Script retried its declaration ${Date.now()}`, severity: "SEV3" };
  const first = await request.post("/api/v1/incidents", { headers: headers("api-declare-retry-1"), data });
  const repeat = await request.post("/api/v1/incidents", { headers: headers("api-declare-retry-1"), data });
  const inBody = await request.post("/api/v1/incidents", { headers: { Authorization: `Bearer ${key}` }, data: { ...data, idempotencyKey: "api-declare-retry-1" } });
  const other = await request.post("/api/v1/incidents", { headers: headers("api-declare-retry-2"), data });
  expect([first.status(), repeat.status(), inBody.status(), other.status()]).toEqual([201, 200, 200, 201]);
  const id = (await first.json()).id;
  expect((await repeat.json()).id).toBe(id);
  expect((await inBody.json()).id).toBe(id);
  expect((await other.json()).id).not.toBe(id);

  const conflicting = await request.post("/api/v1/incidents", { headers: headers("api-declare-retry-1"), data: { ...data, idempotencyKey: "api-declare-retry-3" } });
  expect(conflicting.status()).toBe(400);
  expect((await conflicting.json()).error.message).toContain("Idempotency-Key");
  const malformed = await request.post("/api/v1/incidents", { headers: headers("no"), data });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.message).toMatch(/idempotency key/i);
});

test("declare, read, note (idempotent), change status, escalate one level at a time and no further than L3", async ({ request }) => {
  const headers = () => ({ Authorization: `Bearer ${key}` });

  const bad = await request.post("/api/v1/incidents", { headers: headers(), data: { title: "x", severity: "SEV9" } });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ error: { code: "bad_request", message: expect.any(String) } });

  const created = await request.post("/api/v1/incidents", { headers: headers(), data: { title: "Kafka broker down", severity: "SEV1", services: ["kafka"] } });
  expect(created.status()).toBe(201);
  const incident = await created.json();
  expect(incident).toMatchObject({ id: expect.any(String), title: "Kafka broker down", severity: "SEV1", status: "investigating", level: "L1" });

  const note = { body: "kafka-broker-api-versions.sh times out", idempotencyKey: "api-contract-note-1" };
  const first = await request.post(`/api/v1/incidents/${incident.id}/notes`, { headers: headers(), data: note });
  const retry = await request.post(`/api/v1/incidents/${incident.id}/notes`, { headers: headers(), data: note });
  expect(first.status()).toBe(201);
  expect(retry.status()).toBe(200);
  expect((await retry.json()).id).toBe((await first.json()).id);

  expect((await request.post(`/api/v1/incidents/${incident.id}/status`, { headers: headers(), data: { status: "identified" } })).status()).toBe(200);
  const backwards = await request.post(`/api/v1/incidents/${incident.id}/status`, { headers: headers(), data: { status: "investigating" } });
  expect(backwards.status()).toBe(409);

  const toL2 = await request.post(`/api/v1/incidents/${incident.id}/escalate`, { headers: headers(), data: { note: "Need L2" } });
  expect(toL2.status()).toBe(201);
  expect(await toL2.json()).toMatchObject({ fromLevel: "L1", toLevel: "L2", packet: { findings: [expect.objectContaining({ text: note.body })] } });
  // L2 has not acknowledged: escalating again would skip them.
  const skip = await request.post(`/api/v1/incidents/${incident.id}/escalate`, { headers: headers(), data: { note: "Need L3" } });
  expect(skip.status()).toBe(409);
  expect((await skip.json()).error.message).toContain("The hand-off to L2 is waiting for acknowledgement");
  const dataLoss = await (await request.post("/api/v1/incidents", { headers: headers(), data: { title: "Ticks lost", severity: "SEV1", emergency: "data-loss" } })).json();
  const beyond = await request.post(`/api/v1/incidents/${dataLoss.id}/escalate`, { headers: headers(), data: { note: "Need more" } });
  expect(beyond.status()).toBe(409);
  expect((await beyond.json()).error.message).toContain("already at L3");

  // A script's key is no L2 engineer: it cannot acknowledge for them.
  expect((await request.post(`/api/v1/incidents/${incident.id}/ack`, { headers: headers() })).status()).toBe(403);

  const read = await request.get(`/api/v1/incidents/${incident.id}`, { headers: headers() });
  expect(read.status()).toBe(200);
  const detail = await read.json();
  expect(detail).toMatchObject({ id: incident.id, level: "L2", status: "identified", owner: null });
  expect(detail.timeline.map((entry: { kind: string }) => entry.kind)).toEqual(
    expect.arrayContaining(["declared", "note", "status", "escalation"]),
  );
  const noteEntry = detail.timeline.find((entry: { kind: string }) => entry.kind === "note");
  expect(noteEntry).toEqual({ id: expect.any(String), kind: "note", at: expect.any(String), author: "api-key:api-contract", body: note.body });
  expect(detail.handoffs.map((handoff: { fromLevel: string; toLevel: string }) => `${handoff.fromLevel}>${handoff.toLevel}`)).toEqual(["L1>L2"]);

  const listed = await request.get(`/api/v1/incidents?severity=SEV1&service=kafka&q=broker`, { headers: headers() });
  expect((await listed.json()).incidents.map((row: { id: string }) => row.id)).toContain(incident.id);

  expect((await request.get(`/api/v1/incidents/does-not-exist`, { headers: headers() })).status()).toBe(404);
  const postmortem = await request.get(`/api/v1/incidents/${incident.id}/postmortem`, { headers: headers() });
  expect(postmortem.headers()["content-type"]).toContain("text/markdown");
  expect(await postmortem.text()).toContain("# Postmortem draft: INC-");
});

test("health: every catalog service and the nine systems, 'not configured' where nothing is set; keys required", async ({ request }) => {
  expect((await request.get("/api/v1/health")).status()).toBe(401);
  const response = await request.get("/api/v1/health", { headers: { Authorization: `Bearer ${key}` } });
  expect(response.status()).toBe(200);
  const health = (await response.json()) as { services: { name: string; status: string; reasons: string[]; checkedAt: string }[]; systems: { name: string; status: string }[] };
  expect(health.services.map((service) => service.name)).toEqual(["normalization-service", "enrichment-service"]);
  expect(health.systems.map((system) => system.name)).toEqual(["kubernetes", "kafka", "clickhouse", "postgresql", "redis", "prometheus", "grafana", "jaeger", "elasticsearch"]);
  // This console has no cluster or endpoints configured: it says so instead of guessing.
  expect([...health.services, ...health.systems].every((panel) => panel.status === "not_configured")).toBe(true);
  expect(Date.now() - Date.parse(health.services[0]!.checkedAt)).toBeLessThan(60_000);

  const unknown = await request.get("/api/v1/services/no-such-service", { headers: { Authorization: `Bearer ${key}` } });
  expect(unknown.status()).toBe(404);
  const logs = await request.get("/api/v1/services/normalization-service/logs?filter=$(reboot)", { headers: { Authorization: `Bearer ${key}` } });
  expect(logs.status()).toBe(400);
  expect((await logs.json()).error.message).toMatch(/^filter: must be a plain word/);
});

test("bad numbers and dates in queries are a clear 400, never a 500", async ({ request }) => {
  const headers = { Authorization: `Bearer ${key}` };
  const incident = await (await request.post("/api/v1/incidents", { headers, data: { title: "Cursor checks", severity: "SEV4" } })).json();
  for (const path of [
    `/api/v1/incidents/${incident.id}/timeline?before=99999999999999999999999999`,
    `/api/v1/incidents/${incident.id}/timeline?before=-5`,
    `/api/v1/incidents/${incident.id}/timeline?limit=1e99`,
    "/api/v1/incidents?after=2026-13-45T99:99:99Z_abc",
    "/api/v1/incidents?after=99999999999999999999_abc",
    "/api/v1/incidents?limit=-1",
  ]) {
    const response = await request.get(path, { headers });
    expect(response.status(), path).toBe(400);
    expect((await response.json()).error).toEqual({ code: "bad_request", message: expect.any(String) });
  }
  expect((await request.get(`/api/v1/incidents/${incident.id}/timeline?before=9223372036854775807`, { headers })).status()).toBe(200);
});

test("requests refused for want of credentials leave a trace in the audit log", async ({ request, browser }) => {
  const forged = `ick_AuditTrace01_${"x".repeat(43)}`;
  for (let i = 0; i < 5; i++) expect((await request.get("/api/v1/incidents", { headers: { Authorization: `Bearer ${forged}` } })).status()).toBe(401);
  expect((await request.get("/api/v1/incidents")).status()).toBe(401);

  const admin = await browser.newContext({ storageState: STATE.admin });
  const page = await admin.newPage();
  await page.goto("/admin/audit?action=api.unauthenticated");
  // One row per address and window (the first refusal), not one per request.
  const rows = page.getByRole("row").filter({ hasText: "request-source:address:" });
  await expect(rows.first()).toContainText("401 for GET /api/v1/");
  await expect(page.getByText(forged)).toHaveCount(0);
  await admin.close();
});
