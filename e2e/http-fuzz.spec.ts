import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import pg from "pg";
import { API_ROUTES } from "./api-routes";
import { cli } from "./support";

/**
 * Fuzzing through HTTP: every write route of /api/v1 (found in the code, e2e/api-routes.ts)
 * gets generated bodies — any JSON, any text, objects made of the fields the console's
 * schemas use with hostile values — from an L3 API key, on the running console. Whatever
 * arrives: never a 5xx, a 4xx says what is wrong in a JSON `error`, and a refused request
 * writes nothing (incidents, timeline, hand-offs, checklist, notifications, runs, steps,
 * operations). Fixed seed: a failure reproduces. The schemas and use cases are also fuzzed
 * directly (lib/server/request-bodies.property.test.ts).
 */
const BASE = "http://localhost:3100";
const SEED = 20261203;
const RUNS_PER_ROUTE = 120;
/** What a request of this test can write: rows of its own incident, and incidents its key declares (other journeys' timers write elsewhere). */
const WRITTEN: Record<string, string> = {
  Incident: `SELECT count(*) AS n FROM "Incident" WHERE "declaredBy" = $1`,
  TimelineEvent: `SELECT count(*) AS n FROM "TimelineEvent" WHERE "incidentId" = $1`,
  Handoff: `SELECT count(*) AS n FROM "Handoff" WHERE "incidentId" = $1`,
  ChecklistItem: `SELECT count(*) AS n FROM "ChecklistItem" WHERE "incidentId" = $1`,
  Notification: `SELECT count(*) AS n FROM "Notification" WHERE "incidentId" = $1`,
  DiagnosisRun: `SELECT count(*) AS n FROM "DiagnosisRun" WHERE "incidentId" = $1`,
  DiagnosisStepResult: `SELECT count(*) AS n FROM "DiagnosisStepResult" s JOIN "DiagnosisRun" r ON r.id = s."runId" WHERE r."incidentId" = $1`,
  Operation: `SELECT count(*) AS n FROM "Operation" WHERE "incidentId" = $1`,
};

/** The fields the console's request schemas read, so generated objects reach past the first check. */
const FIELDS = ["title", "severity", "services", "summary", "idempotencyKey", "body", "note", "hypothesis", "openQuestions", "status", "procedure", "service", "params", "answer", "ticked", "reason", "attempt", "kind", "target", "dryRun", "confirm", "revision", "replicas", "image", "step", "run"];
const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, "", 0, -1, 1e308, Number.MAX_SAFE_INTEGER, "9".repeat(40), "SEV1", "l3", "data-not-processing", "normalization-service", "<script>alert(1)</script>", "'; DROP TABLE \"Incident\"; --", "\u0000", "\u202E", "x".repeat(20_000), { __proto__: { polluted: true } }),
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.dictionary(fc.constantFrom(...FIELDS), hostile, { maxKeys: 6 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom("", "{", "[]", "null", '{"title":', "\u0000", "{}".repeat(5_000)),
);

let database: pg.Client;
let headers: Record<string, string>;
let declaredBy = "";
let incidentId = "";
let runId = "";
let stepId = "";

async function counts(): Promise<number[]> {
  return Promise.all(Object.entries(WRITTEN).map(async ([table, sql]) => Number((await database.query<{ n: string }>(sql, [table === "Incident" ? declaredBy : incidentId])).rows[0]!.n)));
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const record = JSON.parse(readFileSync(".e2e-data/embedded-db.json", "utf8")) as { url: string };
  database = new pg.Client({ connectionString: record.url });
  await database.connect();
  const name = `fuzz-l3-${Date.now().toString(36)}`;
  declaredBy = `api-key:${name}`;
  const key = (await cli(["api-key", "create", "--name", name, "--role", "l3"])).trim().split("\n").pop()!.trim();
  headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
  const incident = await fetch(`${BASE}/api/v1/incidents`, { method: "POST", headers, body: JSON.stringify({ title: "HTTP fuzzing fixture", severity: "SEV4" }) });
  incidentId = ((await incident.json()) as { id: string }).id;
  const run = await fetch(`${BASE}/api/v1/incidents/${incidentId}/runs`, { method: "POST", headers, body: JSON.stringify({ procedure: "data-not-processing" }) });
  expect(run.status).toBe(201);
  const started = (await run.json()) as { id: string; next: { step: string } };
  runId = started.id;
  stepId = started.next.step;
});

test.afterAll(async () => {
  await database?.end();
});

test("every write route of /api/v1 × generated bodies: never a 5xx, a 4xx says why and writes nothing", async () => {
  test.setTimeout(600_000);
  const writes = API_ROUTES.filter((route) => route.method !== "GET" && route.path.startsWith("/api/v1"));
  expect(writes.length).toBeGreaterThanOrEqual(9);
  const failures: string[] = [];
  let sent = 0;
  for (const route of writes) {
    const url = `${BASE}${route.path.replace("[id]", incidentId).replace("[run]", runId).replace("[step]", stepId).replace(/\[[^\]]+\]/g, "x")}`;
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const before = await counts();
        const response = await fetch(url, { method: route.method, headers, body: text, redirect: "manual", signal: AbortSignal.timeout(30_000) });
        const answer = response.headers.get("content-type")?.includes("event-stream") ? "" : await response.text();
        void response.body?.cancel().catch(() => {});
        sent += 1;
        const cell = `${route.method} ${route.path} with ${JSON.stringify(text.slice(0, 120))}: ${response.status} ${answer.slice(0, 200)}`;
        if (response.status >= 500) failures.push(`5xx: ${cell}`);
        else if (response.status >= 400) {
          const message = (() => {
            try {
              return (JSON.parse(answer) as { error?: { message?: string } }).error?.message ?? "";
            } catch {
              return "";
            }
          })();
          if (message.trim().length < 4) failures.push(`4xx without a message: ${cell}`);
          const after = await counts();
          const changed = Object.keys(WRITTEN).filter((_, index) => after[index] !== before[index]);
          if (changed.length) failures.push(`refused but wrote ${changed.join(", ")}: ${cell}`);
        }
      }),
      { seed: SEED, numRuns: RUNS_PER_ROUTE },
    );
  }
  console.log(`[http-fuzz] ${sent} requests to ${writes.length} write routes`);
  expect(failures).toEqual([]);
});
