/**
 * `npm run bench -- health`: the overview's speed and memory goals, on the lab (npm run lab -- up)
 * and the current build.
 *
 *   a warm sweep of the whole catalog                                 ≤ 300 ms
 *   a sweep with one backend black-holed                              ≤ probe deadline + 10 %
 *   the console vs the runbook's own commands for the same facts,
 *     run one after another (kubectl, curl, kafka-consumer-groups.sh,
 *     clickhouse-client), in the same run                              ≥ 20× faster
 *   server memory while 50 browsers keep the overview open             flat
 *   time to detect each lab fault on the overview (bench/detection.ts)   ≤ 10 s
 */
import { execFile, execFileSync, spawn } from "node:child_process";
import { promisify } from "node:util";
import { chromium } from "@playwright/test";
import { labEnv } from "../lab/core/lab-env";
import { blackHole } from "../test/sockets";
import { percentile, report, timeRuns } from "./stats";

const exec = promisify(execFile);
const PORT = 3191;
const env = labEnv();

async function sweepOf(overrides: Record<string, string>) {
  // The catalog the console would read with the lab's environment (and the overrides).
  const { HealthCollector } = await import("../lib/health/collector");
  const { catalogPanels } = await import("../lib/health/panels");
  const { parseConsoleConfig } = await import("../lib/config/console-config");
  const { thresholdsFor } = await import("../lib/config/catalog");
  const parsed = parseConsoleConfig("", "bench", { ...env, ...overrides });
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const catalog = parsed.config;
  const context = (service?: (typeof catalog.services)[number]) => ({ catalog, thresholds: thresholdsFor(catalog, service), deadlineMs: 2_000, env: { ...env, ...overrides } });
  return new HealthCollector(catalogPanels(catalog, context), { deadlineMs: 2_000, cadenceMs: 60_000, freshnessMs: 5_000, historyMs: 60_000 });
}

/** The runbook's commands for the facts one overview sweep shows, one after another, as a responder types them. */
async function runbookCommands() {
  const kube = { ...process.env, KUBECONFIG: env.KUBECONFIG };
  const sh = (command: string, args: string[]) => exec(command, args, { env: kube, maxBuffer: 64 * 1024 * 1024 });
  for (const service of ["normalization-service", "enrichment-service"]) await sh("kubectl", ["get", "pods", "-n", "data-processing", "-l", `app=${service}`]);
  await sh("curl", ["-s", `${env.NORMALIZATION_SERVICE_URL}/health`]);
  await sh("curl", ["-s", `${env.ENRICHMENT_SERVICE_URL}/health`]);
  await sh("curl", ["-s", env.NORMALIZATION_SERVICE_METRICS_URL!]);
  await sh("curl", ["-s", env.ENRICHMENT_SERVICE_METRICS_URL!]);
  for (const group of ["normalization-group", "enrichment-group"]) {
    await sh("kubectl", ["exec", "kafka-0", "-n", "data-processing", "--", "kafka-consumer-groups.sh", "--bootstrap-server", "localhost:9092", "--group", group, "--describe"]);
  }
  await sh("kubectl", ["exec", "clickhouse-0", "-n", "data-processing", "--", "clickhouse-client", "--query", "SELECT count() FROM market_ticks"]);
}

async function startConsole(): Promise<{ stop: () => void; key: string }> {
  const server = execFileSync("bash", ["scripts/test-postgres.sh", "start"], { encoding: "utf8" }).trim();
  const url = `${server.replace(/\/postgres$/, "")}/bench_health`;
  execFileSync("psql", [server, "-q", "-c", "DROP DATABASE IF EXISTS bench_health WITH (FORCE)", "-c", "CREATE DATABASE bench_health"]);
  const withDb = { ...process.env, ...env, DATABASE_URL: url, DATA_DIR: ".bench-data-health", NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789" };
  execFileSync("npx", ["tsx", "scripts/db-migrate.ts"], { env: withDb, stdio: "ignore" });
  execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", "user", "add", "--role", "viewer", "--email", "bench@254carbon.com", "--password-stdin"], { env: withDb, input: "bench-password-123\n", stdio: ["pipe", "ignore", "inherit"] });
  const created = execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", "api-key", "create", "--name", "bench", "--role", "viewer"], { env: withDb, encoding: "utf8" });
  const key = /ick_[A-Za-z0-9_-]+/.exec(created)?.[0];
  if (!key) throw new Error(`no API key in: ${created}`);
  const child = spawn("npx", ["tsx", "scripts/start.ts"], { env: { ...withDb, PORT: String(PORT), NEXTAUTH_URL: `http://localhost:${PORT}`, CONSOLE_WORKERS: "off" }, stdio: "ignore", detached: true });
  const stop = () => process.kill(-child.pid!, "SIGTERM");
  for (let i = 0; i < 240; i++) {
    if (await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok, () => false)) return { stop, key };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  throw new Error("the console did not start (run npm run build first)");
}

async function serverMemoryMiB(key: string): Promise<{ rss: number; heap: number }> {
  const text = await (await fetch(`http://127.0.0.1:${PORT}/api/metrics`, { headers: { Authorization: `Bearer ${key}` } })).text();
  const value = (name: string) => Number(/^(\S+) (\S+)$/m.exec(text.split("\n").find((line) => line.startsWith(`${name} `)) ?? "")?.[2] ?? Number.NaN) / 1024 / 1024;
  return { rss: value("console_process_resident_memory_bytes"), heap: value("console_nodejs_heap_size_used_bytes") };
}

export async function run50Browsers() {
  const { stop, key } = await startConsole();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext();
    const first = await context.newPage();
    await first.goto(`http://localhost:${PORT}/signin`);
    await first.getByLabel("Email").fill("bench@254carbon.com");
    await first.getByLabel("Password").fill("bench-password-123");
    await first.getByRole("button", { name: "Sign in", exact: true }).click();
    await first.waitForURL(`http://localhost:${PORT}/`);
    const pages = [first];
    for (let i = 1; i < 50; i++) {
      const page = await context.newPage();
      await page.goto(`http://localhost:${PORT}/`);
      pages.push(page);
    }
    const samples: { t: number; rss: number; heap: number }[] = [];
    const started = Date.now();
    while (Date.now() - started < 90_000) {
      samples.push({ t: Math.round((Date.now() - started) / 1000), ...(await serverMemoryMiB(key)) });
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
    const fresh = await first.locator("[data-panel] footer").first().textContent();
    console.log(`\n50 overviews open for 90 s (each polls every 2 s); server memory every 10 s:`);
    console.log(samples.map((sample) => `  t=${String(sample.t).padStart(3)} s  rss ${sample.rss.toFixed(0)} MiB  heap ${sample.heap.toFixed(0)} MiB`).join("\n"));
    const second = samples.slice(Math.floor(samples.length / 2));
    const growth = second.at(-1)!.rss - second[0]!.rss;
    console.log(`  second half rss change: ${growth >= 0 ? "+" : ""}${growth.toFixed(0)} MiB (${growth <= 20 ? "flat" : "GROWING"}); first panel says "${fresh?.trim()}"`);
  } finally {
    await browser.close();
    stop();
  }
}

export async function run() {
  const warm = await sweepOf({});
  await warm.refresh(); // connect everything once
  await warm.refresh(); // and once more: rates need two scrapes
  const sweeps = await timeRuns(20, () => warm.refresh());
  const snapshot = await warm.refresh();
  warm.stop();
  console.log(`catalog: ${snapshot.services.length} services, ${snapshot.systems.length} systems (${[...snapshot.services, ...snapshot.systems].map((panel) => `${panel.name} ${panel.status}`).join(", ")})\n`);

  const hole = await blackHole();
  const hung = await sweepOf({ PROMETHEUS_URL: `http://127.0.0.1:${hole.port}`, CLICKHOUSE_URL: `http://127.0.0.1:${hole.port}` });
  await hung.refresh();
  const hungSweeps = await timeRuns(5, () => hung.refresh());
  const hungSnapshot = await hung.refresh();
  hung.stop();
  await hole.close();

  await runbookCommands(); // warm the JVM's page cache, kubectl's discovery cache
  const manual = await timeRuns(3, runbookCommands);

  report([
    { what: "warm sweep of the whole catalog (2 services, 9 systems)", p50: percentile(sweeps, 50), p95: percentile(sweeps, 95), target: 300 },
    { what: "sweep with Prometheus and ClickHouse black-holed", p50: percentile(hungSweeps, 50), p95: percentile(hungSweeps, 95), target: 2_200 },
    { what: "the runbook's commands for the same facts, one after another", p50: percentile(manual, 50), p95: percentile(manual, 95), target: Number.POSITIVE_INFINITY },
  ]);
  const ratio = percentile(manual, 50) / percentile(sweeps, 50);
  console.log(`\nconsole vs runbook commands (p50): ${ratio.toFixed(0)}× faster (target ≥ 20×: ${ratio >= 20 ? "met" : "MISSED"})`);
  console.log(`black-holed panels: ${hungSnapshot.systems.filter((panel) => panel.status === "unknown" || panel.status === "down").map((panel) => `${panel.name}: ${panel.reasons[0]}`).join("; ")}`);

  await run50Browsers();

  // Last: it injects every lab fault in turn (about 10 minutes).
  await (await import("./detection")).run();
}
