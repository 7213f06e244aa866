/**
 * `npm run bench -- incidents`: the incident record's speed goals, on a real PostgreSQL
 * (scripts/test-postgres.sh) with data the bench seeds itself, and a real console server
 * (the current build) for the live path.
 *
 *   first page of an incident with 10,000 timeline entries   ≤ 200 ms (server side)
 *   incident list, filtered, over 100,000 incidents          ≤ 100 ms
 *   a note written through console A reaching 50 live viewers
 *     of console B (SSE, across processes via LISTEN/NOTIFY), p95 ≤ 1 s
 */
import { execFileSync, spawn } from "node:child_process";
import pg from "pg";
import { createDb } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrations";
import { SYSTEM_ACTOR } from "../lib/auth/actor";
import { createApiKey } from "../lib/api-keys/create-api-key";
import { getIncident } from "../lib/incidents/get-incident";
import { incidentFilters, listIncidents } from "../lib/incidents/list-incidents";
import { percentile, report, timeRuns } from "./stats";

const DATABASE = "bench_incidents";
/** Two console processes on one database: notes are written through A, watched on B. */
const PORT_A = 3190;
const PORT_B = 3189;

async function seed(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await applyMigrations(client);
  const started = performance.now();
  await client.query(`
    INSERT INTO "Incident" (id, title, severity, status, level, services, "declaredBy", "impactStartedAt", "detectedAt", "acknowledgedAt", "resolvedAt", "createdAt", "updatedAt")
    SELECT 'bench' || g,
           'Bench incident ' || g || CASE WHEN g % 97 = 0 THEN ' clickhouse query timeouts' ELSE '' END,
           (ARRAY['SEV1','SEV2','SEV3','SEV4'])[1 + g % 4]::"Severity",
           (ARRAY['resolved','resolved','resolved','investigating','identified','mitigated'])[1 + (g / 7) % 6]::"IncidentStatus",
           (ARRAY['L1','L2','L3'])[1 + g % 3]::"Level",
           ARRAY[(ARRAY['normalization-service','enrichment-service','kafka','clickhouse','postgresql','redis'])[1 + g % 6]],
           'bench@254carbon.com',
           (now() AT TIME ZONE 'UTC') - make_interval(mins => g * 5 + 3),
           (now() AT TIME ZONE 'UTC') - make_interval(mins => g * 5),
           (now() AT TIME ZONE 'UTC') - make_interval(mins => g * 5 - 2),
           (now() AT TIME ZONE 'UTC') - make_interval(mins => g * 5 - 60),
           (now() AT TIME ZONE 'UTC') - make_interval(mins => g * 5),
           now() AT TIME ZONE 'UTC'
      FROM generate_series(1, 100000) g`);
  await client.query(`
    INSERT INTO "Incident" (id, title, severity, status, level, services, "declaredBy", "impactStartedAt", "detectedAt", "createdAt", "updatedAt")
    VALUES ('bench-big', 'Incident with 10,000 timeline entries', 'SEV1', 'investigating', 'L2', ARRAY['kafka'], 'bench@254carbon.com',
            now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')`);
  await client.query(`
    INSERT INTO "TimelineEvent" ("incidentId", kind, at, author, body, data)
    SELECT 'bench-big',
           (ARRAY['note','evidence','status','notification'])[1 + g % 4]::"TimelineKind",
           (now() AT TIME ZONE 'UTC') - make_interval(secs => 10000 - g),
           'bench@254carbon.com',
           'Entry ' || g || ': consumer lag on partition ' || (g % 3) || ' is ' || (g * 7) || ' messages',
           CASE WHEN g % 4 = 1 THEN jsonb_build_object('check', 'kafka.consumer-lag', 'verdict', 'fail', 'summary', 'lag ' || g) END
      FROM generate_series(1, 10000) g`);
  await client.query("ANALYZE");
  await client.end();
  console.log(`seeded 100,000 incidents and 10,000 timeline entries in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function startConsole(url: string, port: number): Promise<() => void> {
  const server = spawn("npx", ["tsx", "scripts/start.ts"], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789", CONSOLE_WORKERS: "off", DATA_DIR: `.bench-data-${port}` },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 240; i++) {
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) return () => process.kill(-server.pid!, "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  process.kill(-server.pid!, "SIGTERM");
  throw new Error("the console did not start (run npm run build first)");
}

/** Opens an SSE stream and calls `onChanged` for each "changed" event. */
async function viewer(port: number, incidentId: string, key: string, onChanged: () => void, signal: AbortSignal) {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/incidents/${incidentId}/stream`, { headers: { Authorization: `Bearer ${key}` }, signal });
  if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let ready: () => void = () => {};
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let boundary;
        while ((boundary = buffer.indexOf("\n\n")) >= 0) {
          const message = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          if (message.includes("event: ready")) ready();
          if (message.includes("event: changed")) onChanged();
        }
      }
    } catch {
      // aborted at the end of the bench
    }
  })();
  await isReady;
}

export async function run() {
  const server = execFileSync("bash", ["scripts/test-postgres.sh", "start"], { encoding: "utf8" }).trim();
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const url = `${server.replace(/\/postgres$/, "")}/${DATABASE}`;
  await seed(url);

  const { db, pool } = createDb(url, 10);
  // Warm the connection pool and PostgreSQL's caches, as a running console would be.
  await getIncident(db, "bench-big");
  await listIncidents(db, incidentFilters.parse({}));

  const firstPage = await timeRuns(50, () => getIncident(db, "bench-big"));
  const filtered = { status: "investigating,identified", severity: "SEV1", service: "kafka" };
  const listFiltered = await timeRuns(50, () => listIncidents(db, incidentFilters.parse(filtered)));
  const page1 = await listIncidents(db, incidentFilters.parse(filtered));
  const listNextPage = await timeRuns(50, () => listIncidents(db, incidentFilters.parse({ ...filtered, after: page1.next! })));
  const listSearch = await timeRuns(30, () => listIncidents(db, incidentFilters.parse({ q: "clickhouse", status: "resolved" })));
  const listUnfiltered = await timeRuns(50, () => listIncidents(db, incidentFilters.parse({})));

  // Live, the README's "within a second, across console processes": 50 viewers on one incident
  // of console B; 20 notes posted through console A's API, each timed from the moment it is sent.
  const { key } = await createApiKey({ db, actor: SYSTEM_ACTOR, input: { name: "bench", role: "l1" } });
  const stopA = await startConsole(url, PORT_A);
  const stopB = await startConsole(url, PORT_B).catch((error: unknown) => (stopA(), Promise.reject(error)));
  const latencies: number[] = [];
  const abort = new AbortController();
  let posted = 0;
  try {
    const viewers = 50;
    let sentAt = 0;
    let received = 0;
    let allReceived: () => void = () => {};
    // Only the first "changed" per viewer and note counts: that is when the viewer refetches.
    const heard = new Array<boolean>(viewers).fill(false);
    await Promise.all(
      Array.from({ length: viewers }, (_, index) =>
        viewer(PORT_B, "bench-big", key, () => {
          if (!sentAt || heard[index]) return;
          heard[index] = true;
          latencies.push(performance.now() - sentAt);
          if (++received === viewers) allReceived();
        }, abort.signal),
      ),
    );
    for (; posted < 20; posted++) {
      received = 0;
      heard.fill(false);
      const done = new Promise<void>((resolve) => (allReceived = resolve));
      sentAt = performance.now();
      const response = await fetch(`http://127.0.0.1:${PORT_A}/api/v1/incidents/bench-big/notes`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify({ body: `bench note ${posted}` }),
      });
      if (response.status !== 201) throw new Error(`note answered ${response.status}`);
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      sentAt = 0;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    abort.abort();
    stopA();
    stopB();
    await db.$disconnect();
    await pool.end();
  }

  console.log("");
  report([
    { what: "incident first page (10,000 entries)", p50: percentile(firstPage, 50), p95: percentile(firstPage, 95), target: 200 },
    { what: "list: status+severity+service filter, 100k", p50: percentile(listFiltered, 50), p95: percentile(listFiltered, 95), target: 100 },
    { what: "list: next page (keyset), same filter", p50: percentile(listNextPage, 50), p95: percentile(listNextPage, 95), target: 100 },
    { what: "list: title search + status, 100k", p50: percentile(listSearch, 50), p95: percentile(listSearch, 95), target: 100 },
    { what: "list: unfiltered first page, 100k", p50: percentile(listUnfiltered, 50), p95: percentile(listUnfiltered, 95), target: 100 },
    { what: `note via console A → 50 live viewers on console B (${latencies.length}/${posted * 50} deliveries)`, p50: percentile(latencies, 50), p95: percentile(latencies, 95), target: 1000 },
  ]);
}
