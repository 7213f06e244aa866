/**
 * Load soak: simulated responders browse the console while some write notes, over HTTP on
 * loopback, and the server's memory is watched. Promise (docs/reliability.md, "Faults and
 * load"): 0 errors, p95 per route reported, no memory growth trend.
 *
 *   npx tsx scripts/soak.ts            long form (`npm run test:soak`): 50 responders, 10 of
 *                                      them writing notes, 5 minutes; fails on any error and on
 *                                      an RSS slope over the last 4 minutes above MAX_SLOPE_MB_PER_MIN
 *   npx tsx scripts/soak.ts --short    short form (`npm run test:lab`): 20 responders, 4 writers,
 *                                      30 s; fails on any error, memory is printed only
 *   --responders N --writers N --duration S   override either form
 *   --url http://host:port [--pid PID]        soak a console already running (accounts: the
 *                                      SOAK_EMAIL / SOAK_PASSWORD of one L1 or higher account;
 *                                      memory from --pid, else from whoever listens on the port)
 *
 * Without --url it starts the console like e2e-lab/start-lab-console.sh (the lab's endpoints
 * from `lab env`), on :3105 against its own database `console_soak` in the test PostgreSQL,
 * and stops it afterwards. The lab must be up. Latencies are reported, never asserted.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import pg from "pg";
import { percentile } from "../bench/stats";
import { sessionCookie } from "../test/session-cookie";
import { slopePerMinute } from "./memory-slope";

const run = promisify(execFile);

/**
 * Bound on the server's RSS growth in the long form, least squares over its last 4 minutes.
 * A warmed-up console under steady load sits flat within GC noise (a few MB/min either way);
 * a leak of one small object per request at this load (~15 requests/s) grows far faster.
 */
const MAX_SLOPE_MB_PER_MIN = 8;
const PORT = 3105;
const DATABASE = "console_soak";
const PASSWORD = "soak-responder-password-1";
const SAMPLE_EVERY_MS = 3_000;
const REQUEST_TIMEOUT_MS = 30_000;

const { values: args } = parseArgs({
  options: {
    short: { type: "boolean", default: false },
    responders: { type: "string" },
    writers: { type: "string" },
    duration: { type: "string" },
    url: { type: "string" },
    pid: { type: "string" },
  },
});
const long = !args.short;
const responders = Number(args.responders ?? (long ? 50 : 20));
const writers = Math.min(responders, Number(args.writers ?? (long ? 10 : 4)));
const durationMs = Number(args.duration ?? (long ? 300 : 30)) * 1000;

const log = (message: string) => console.log(`[soak] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------
// The console under test
// ---------------------------------------------------------------------------------------

interface Target {
  base: string;
  accounts: { email: string; password: string }[];
  serverPid: () => Promise<number | null>;
  stop: () => Promise<void>;
}

/** The pid listening on the port (the Next.js server, not the launcher or npx above it). */
async function listenerPid(port: number): Promise<number | null> {
  const { stdout } = await run("ss", ["-Hltnp", `sport = :${port}`]).catch(() => ({ stdout: "" }));
  const match = /pid=(\d+)/.exec(stdout);
  return match ? Number(match[1]) : null;
}

async function waitForHealth(base: string, child: ChildProcess | null, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`the console exited (${child.exitCode ?? child.signalCode}) before serving; see its output above`);
    if (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) }).then((response) => response.ok, () => false)) return;
    await sleep(1_000);
  }
  throw new Error(`the console at ${base} did not serve /api/health within ${timeoutMs / 1000} s`);
}

async function startConsole(): Promise<Target> {
  const { stdout: server } = await run("bash", ["scripts/test-postgres.sh", "start"]);
  const serverUrl = server.trim();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const databaseUrl = `${serverUrl.replace(/\/postgres$/, "")}/${DATABASE}`;
  const base = `http://127.0.0.1:${PORT}`;
  if (await listenerPid(PORT)) throw new Error(`port ${PORT} is taken: stop what listens there, or soak it with --url`);

  log(`starting the console on ${base} (database ${DATABASE}, the lab's endpoints)…`);
  // Its own process group, so stopping it stops npx and Next.js below it too.
  const child = spawn("bash", ["-c", 'eval "$(npx tsx lab/cli.ts env)" && exec npx tsx scripts/start.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(PORT), NEXTAUTH_URL: base, DATA_DIR: ".soak-data", NEXTAUTH_SECRET: "soak-only-secret-0123456789abcdef0123456789" },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // the group is gone already
    }
  };
  const stop = async () => {
    if (!running() || child.pid === undefined) return;
    signal("SIGTERM");
    for (let i = 0; i < 50 && running(); i++) await sleep(100);
    if (running()) signal("SIGKILL");
  };
  try {
    // A build may run first when the sources are newer than .next (scripts/start.ts).
    await waitForHealth(base, child, 15 * 60_000);
    // The schema exists now (the launcher migrates before serving). One account per ten responders.
    const accounts = Array.from({ length: Math.ceil(responders / 10) }, (_, i) => ({ email: `soak.responder${i + 1}@254carbon.com`, password: PASSWORD }));
    await Promise.all(
      accounts.map(async (account) => {
        const add = spawn("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", "user", "add", "--role", "l1", "--email", account.email, "--password-stdin"], {
          env: { ...process.env, DATABASE_URL: databaseUrl },
          stdio: ["pipe", "ignore", "inherit"],
        });
        add.stdin.end(`${account.password}\n`);
        const code = await new Promise<number | null>((resolve) => add.on("exit", resolve));
        if (code !== 0) throw new Error(`user add ${account.email} failed (${code})`);
      }),
    );
    return { base, accounts, serverPid: () => listenerPid(PORT), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function givenConsole(url: string): Target {
  const email = process.env.SOAK_EMAIL;
  const password = process.env.SOAK_PASSWORD;
  if (!email || !password) throw new Error("--url needs SOAK_EMAIL and SOAK_PASSWORD (an account of L1 or higher)");
  const base = url.replace(/\/$/, "");
  const port = Number(new URL(base).port || 80);
  return { base, accounts: [{ email, password }], serverPid: async () => (args.pid ? Number(args.pid) : listenerPid(port)), stop: async () => {} };
}

// ---------------------------------------------------------------------------------------
// Responders
// ---------------------------------------------------------------------------------------


interface RouteStats {
  times: number[];
  errors: number;
  firstErrors: string[];
}

const stats = new Map<string, RouteStats>();

function statsOf(route: string): RouteStats {
  let entry = stats.get(route);
  if (!entry) stats.set(route, (entry = { times: [], errors: 0, firstErrors: [] }));
  return entry;
}

/**
 * One request, timed to the last byte of the body. An error is a network failure, a timeout,
 * a 4xx/5xx, or a redirect to /signin (the session was lost: the page a user sees is the sign-in form).
 */
async function request(base: string, cookie: string, route: string, path: string, init: { method?: string; json?: unknown } = {}) {
  const entry = statsOf(route);
  const started = performance.now();
  let problem: string | null = null;
  try {
    const response = await fetch(`${base}${path}`, {
      method: init.method ?? "GET",
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      headers: {
        cookie,
        ...(init.json === undefined ? {} : { "Content-Type": "application/json", Origin: base }),
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const body = await response.text();
    const location = response.headers.get("location") ?? "";
    if (response.status >= 400) problem = `${response.status} ${path}: ${body.slice(0, 300)}`;
    else if (response.status >= 300 && location.includes("/signin")) problem = `${response.status} ${path} → ${location} (session lost)`;
  } catch (error) {
    problem = `${path}: ${(error as Error).name} ${(error as Error).message}`;
  }
  entry.times.push(performance.now() - started);
  if (problem) {
    entry.errors++;
    if (entry.firstErrors.length < 3) entry.firstErrors.push(problem);
  }
}

async function responder(base: string, cookie: string, writes: boolean, incidentId: string, runId: string, until: number, index: number) {
  // Think time between pages: a person reading, 0.3–1.2 s; staggered start so they do not march in step.
  const think = () => sleep(300 + Math.random() * 900);
  await sleep(Math.random() * 2_000);
  let note = 0;
  while (Date.now() < until) {
    await request(base, cookie, "GET / (overview)", "/");
    await think();
    await request(base, cookie, "GET /api/v1/health", "/api/v1/health");
    await think();
    await request(base, cookie, "GET /incidents", "/incidents");
    await think();
    await request(base, cookie, "GET /incidents/:id", `/incidents/${incidentId}`);
    await think();
    await request(base, cookie, "GET /api/v1/incidents/:id/runs/:run", `/api/v1/incidents/${incidentId}/runs/${runId}`);
    await think();
    if (writes && Date.now() < until) {
      note++;
      await request(base, cookie, "POST /api/v1/incidents/:id/notes", `/api/v1/incidents/${incidentId}/notes`, {
        method: "POST",
        json: { body: `Soak note ${note} from responder ${index}: lag still rising on **normalization-service**.`, idempotencyKey: randomUUID() },
      });
      await think();
    }
  }
}

// ---------------------------------------------------------------------------------------
// Memory
// ---------------------------------------------------------------------------------------

function rssMiB(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------

function table(headers: string[], rows: string[][]) {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ")} |`;
  console.log(line(headers));
  console.log(`|${widths.map((width, i) => (i === 0 ? "-".repeat(width + 2) : `${"-".repeat(width + 1)}:`)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

async function main() {
  const target = args.url ? givenConsole(args.url) : await startConsole();
  let failed = false;
  try {
    const { base, accounts } = target;
    log(`${responders} responders (${writers} writing notes) for ${durationMs / 1000} s against ${base}`);

    // Sessions: each responder signs in on its own, a few at a time (argon2 is meant to be slow).
    const cookies: string[] = [];
    for (let i = 0; i < responders; i += 4) {
      const batch = Array.from({ length: Math.min(4, responders - i) }, (_, j) => accounts[(i + j) % accounts.length]!);
      cookies.push(...(await Promise.all(batch.map((account) => sessionCookie(base, account.email, account.password)))));
    }

    const post = async (path: string, json: unknown) => {
      const response = await fetch(`${base}${path}`, { method: "POST", headers: { cookie: cookies[0]!, "Content-Type": "application/json", Origin: base }, body: JSON.stringify(json) });
      const body = await response.text();
      if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${body.slice(0, 300)}`);
      return JSON.parse(body) as { id: string };
    };
    const incident = await post("/api/v1/incidents", { title: "Soak: normalization-service lag rising", severity: "SEV3", services: ["normalization-service"], idempotencyKey: `soak-${randomUUID()}` });
    const diagnosis = await post(`/api/v1/incidents/${incident.id}/runs`, { procedure: "data-not-processing" });
    log(`incident ${incident.id}, diagnosis run ${diagnosis.id}`);

    const pid = await target.serverPid();
    if (!pid) log("no server pid found: memory is not sampled");
    const started = Date.now();
    const samples: { t: number; rss: number }[] = [];
    const sample = () => {
      const rss = pid ? rssMiB(pid) : null;
      if (rss !== null) samples.push({ t: Date.now() - started, rss });
    };
    sample();
    const sampler = setInterval(sample, SAMPLE_EVERY_MS);
    const until = started + durationMs;
    await Promise.all(cookies.map((cookie, i) => responder(base, cookie, i < writers, incident.id, diagnosis.id, until, i + 1)));
    clearInterval(sampler);
    sample();
    const elapsed = (Date.now() - started) / 1000;

    console.log("");
    const rows = [...stats.entries()].map(([route, entry]) => [
      route,
      String(entry.times.length),
      String(entry.errors),
      percentile(entry.times, 50).toFixed(0),
      percentile(entry.times, 95).toFixed(0),
      Math.max(...entry.times).toFixed(0),
    ]);
    const all = [...stats.values()];
    const total = all.reduce((sum, entry) => sum + entry.times.length, 0);
    const errors = all.reduce((sum, entry) => sum + entry.errors, 0);
    rows.push(["all", String(total), String(errors), "", "", ""]);
    table(["route", "requests", "errors", "p50 ms", "p95 ms", "max ms"], rows);
    console.log(`\n${(total / elapsed).toFixed(1)} requests/s over ${elapsed.toFixed(0)} s`);
    for (const [route, entry] of stats) for (const problem of entry.firstErrors) console.log(`  error on ${route}: ${problem}`);

    if (samples.length >= 2) {
      const tail = samples.filter((entry) => entry.t >= Math.max(0, durationMs - 240_000));
      const tailSlope = slopePerMinute(tail);
      const rss = samples.map((entry) => entry.rss);
      console.log(
        `\nserver RSS (pid ${pid}, every ${SAMPLE_EVERY_MS / 1000} s, ${samples.length} samples): start ${rss[0]!.toFixed(0)} MiB, min ${Math.min(...rss).toFixed(0)}, max ${Math.max(...rss).toFixed(0)}, end ${rss.at(-1)!.toFixed(0)} MiB`,
      );
      console.log(`  slope, whole run: ${slopePerMinute(samples).toFixed(2)} MiB/min; last ${(Math.min(durationMs, 240_000) / 1000).toFixed(0)} s: ${tailSlope.toFixed(2)} MiB/min${long ? ` (bound ${MAX_SLOPE_MB_PER_MIN} MiB/min)` : " (printed only in the short form)"}`);
      if (long && tailSlope > MAX_SLOPE_MB_PER_MIN) {
        console.log(`FAIL: the server's memory grows ${tailSlope.toFixed(2)} MiB/min over the last 4 minutes (bound ${MAX_SLOPE_MB_PER_MIN})`);
        failed = true;
      }
    } else if (long) {
      console.log("FAIL: the server's memory could not be sampled");
      failed = true;
    }
    if (errors > 0) {
      console.log(`FAIL: ${errors} of ${total} requests failed`);
      failed = true;
    } else if (total === 0) {
      console.log("FAIL: no request was made");
      failed = true;
    } else {
      log(`0 errors in ${total} requests`);
    }
  } finally {
    await target.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
