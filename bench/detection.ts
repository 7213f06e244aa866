/**
 * `npm run bench -- detection` (also the last part of `npm run bench -- health`): for every
 * lab fault, how long the overview's collector takes to name it (test/fault-signatures.ts:
 * panel, status, reason) and to see it healed, beside how long the runbook's own command for
 * the same symptom takes to run once — which a responder runs only after being paged and
 * knowing which command to type. Needs the lab up; injects and heals each fault in turn.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { labEnv } from "../lab/core/lab-env";
import { FAULTS, fault, healAll } from "../lab/faults/registry";
import { FAULT_SIGNATURES } from "../test/fault-signatures";

const exec = promisify(execFile);
const env = labEnv();

/** The runbook's own diagnosis command for each fault's symptom, as a responder types it (in-cluster names → the lab's ports). */
const RUNBOOK_COMMANDS: Record<string, string[]> = {
  "consumer-stall": ["kubectl", "exec", "kafka-0", "-n", "data-processing", "--", "kafka-consumer-groups.sh", "--bootstrap-server", "localhost:9092", "--group", "normalization-group", "--describe"],
  "bad-prices": ["kubectl", "exec", "clickhouse-0", "-n", "data-processing", "--", "clickhouse-client", "--query", "SELECT * FROM market_ticks WHERE price <= 0 LIMIT 10"],
  crashloop: ["kubectl", "get", "pods", "-n", "data-processing", "-l", "app=normalization-service"],
  "image-pull": ["kubectl", "get", "pods", "-n", "data-processing", "-l", "app=enrichment-service"],
  oom: ["kubectl", "top", "pods", "-n", "data-processing"],
  "slow-queries": ["kubectl", "exec", "clickhouse-0", "-n", "data-processing", "--", "clickhouse-client", "--query", "SELECT * FROM system.query_log WHERE event_date = today() ORDER BY query_duration_ms DESC LIMIT 10"],
  "pg-locks": ["kubectl", "exec", "postgresql-0", "-n", "data-processing", "--", "psql", "-U", "user", "-d", "db", "-c", "SELECT * FROM pg_stat_activity"],
  "rate-limit-storm": ["curl", "-s", env.NORMALIZATION_SERVICE_METRICS_URL ?? ""],
  "cert-expiring": ["kubectl", "exec", "deployment/normalization-service", "-n", "data-processing", "--", "openssl", "x509", "-in", "/etc/certs/server-cert.pem", "-text", "-noout"],
  "auth-failures": ["kubectl", "exec", "postgresql-0", "-n", "data-processing", "--", "psql", "-U", "user", "-d", "db", "-c", "SELECT * FROM api_keys WHERE is_active = true"],
  "target-down": ["curl", "-s", `${env.PROMETHEUS_URL}/api/v1/targets`],
  "helm-failed": [env.HELM_BIN ?? "helm", "history", "data-processing-pipeline", "-n", "data-processing"],
  "broker-down": ["kubectl", "exec", "kafka-0", "-n", "data-processing", "--", "kafka-broker-api-versions.sh", "--bootstrap-server", "localhost:9092"],
  latency: ["curl", "-s", env.NORMALIZATION_SERVICE_METRICS_URL ?? ""],
  "jaeger-down": ["curl", "-s", env.JAEGER_COLLECTOR_URL ?? ""],
  "tracing-off": ["kubectl", "exec", "deployment/normalization-service", "-n", "data-processing", "--", "env"],
};

async function timeCommand(argv: string[]): Promise<number> {
  const started = performance.now();
  // A command that fails (the broker is down) still answered the responder: time it all the same.
  await exec(argv[0]!, argv.slice(1), { env: { ...process.env, KUBECONFIG: env.KUBECONFIG }, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }).catch(() => undefined);
  return performance.now() - started;
}

export async function run() {
  const { HealthCollector } = await import("../lib/health/collector");
  const { catalogPanels, collectorOptions } = await import("../lib/health/panels");
  const { parseConsoleConfig } = await import("../lib/config/console-config");
  const { thresholdsFor } = await import("../lib/config/catalog");
  const parsed = parseConsoleConfig("", "bench", env);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const catalog = parsed.config;
  const collector = new HealthCollector(
    catalogPanels(catalog, (service) => ({ catalog, thresholds: thresholdsFor(catalog, service), deadlineMs: 2_000, env })),
    collectorOptions(catalog),
  );
  const panel = async (name: string) => {
    const snapshot = await collector.snapshot();
    return [...snapshot.services, ...snapshot.systems].find((entry) => entry.name === name)!;
  };
  const waitFor = async (name: string, done: (state: Awaited<ReturnType<typeof panel>>) => boolean, limitMs: number) => {
    const started = Date.now();
    for (;;) {
      const state = await panel(name);
      if (done(state)) return { ms: Date.now() - started, state };
      if (Date.now() - started > limitMs) return { ms: Number.NaN, state };
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  await healAll({ quiet: true });
  const rows: string[] = [];
  for (const entry of FAULTS) {
    const signature = FAULT_SIGNATURES[entry.name];
    if (!signature) {
      rows.push(`| ${entry.name} | no signature in test/fault-signatures.ts | | | |`);
      continue;
    }
    await waitFor(signature.panel, (state) => state.status === "ok", 120_000);
    await entry.inject();
    const detected = await waitFor(signature.panel, (state) => signature.status.includes(state.status) && state.findings.some((finding) => signature.reason.test(finding.reason)), 60_000);
    const command = RUNBOOK_COMMANDS[entry.name];
    const commandMs = command ? await timeCommand(command) : Number.NaN;
    await fault(entry.name).heal();
    const healed = await waitFor(signature.panel, (state) => state.status === "ok", 120_000);
    const reason = detected.state.findings.find((finding) => signature.reason.test(finding.reason))?.reason ?? `not seen: ${detected.state.reasons.join("; ")}`;
    const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : "—");
    rows.push(`| ${entry.name} | ${signature.panel} ${detected.state.status}: ${reason} | ${seconds(detected.ms)} | ${seconds(healed.ms)} | \`${command?.slice(0, 3).join(" ") ?? "?"} …\` ${seconds(commandMs)} |`);
    console.log(rows.at(-1));
  }
  collector.stop();
  console.log("\nTime to detect each lab fault (goal ≤ 10 s) and to see it healed, beside one run of the runbook's command for the symptom:\n");
  console.log("| fault | panel and reason | detected after | ok after heal | runbook command, one run |");
  console.log("| --- | --- | ---: | ---: | --- |");
  console.log(rows.join("\n"));
}
