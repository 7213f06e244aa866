/**
 * `lab up`: `lab install` first (alone: it holds the apt/dpkg lock and the Go builds), then
 * the data services, OpenSearch then Jaeger, and the Kubernetes control plane (lab/scripts,
 * in parallel), then the pipeline's certificates, topics and API keys, the pipeline node, the
 * Kubernetes objects and Helm history, the lab controller (which starts the pipeline
 * services), and waits until ticks reach ClickHouse and Prometheus scrapes both services.
 * Idempotent: what runs is left alone. When a step fails, what this `up` started is stopped
 * again (what ran before stays).
 */
import path from "node:path";
import { ensureServiceCerts } from "../core/certs.ts";
import { readFaults } from "../core/fault-state.ts";
import { kubectl } from "../core/kube.ts";
import { CLICKHOUSE_URL, LAB_SRC, NAMESPACE, PROMETHEUS_URL, SCRIPTS_DIR } from "../core/paths.ts";
import { ensureApiKeys, ensureTopics } from "../core/pipeline-data.ts";
import { reserveLabPorts } from "../core/reserve-ports.ts";
import { livePid, run, startDetached, stopPid, waitFor } from "../core/proc.ts";
import { asList, baseManifests } from "../cluster/manifests.ts";
import { ensureReleaseHistory } from "../cluster/helm-release.ts";
import { jaegerPid, startJaeger, stopJaeger } from "../cluster/jaeger.ts";
import { pipelineKwokPid, startPipelineNode, stopPipelineNode } from "../cluster/pipeline-node.ts";
import { install } from "./install.ts";
import { script } from "./shell.ts";

/** Data services started by lab/scripts/<name>.sh (opensearch before Jaeger, which stores spans in it). */
export const DATA_SCRIPTS = ["kafka", "clickhouse", "redis", "prometheus", "pipeline-db", "opensearch"];
export const CONTROLLER = "lab-controller";
const CONTROLLER_ENTRY = path.join(LAB_SRC, "controller", "main.ts");

export async function clickhouseCount(): Promise<number> {
  const res = await fetch(`${CLICKHOUSE_URL}/?query=${encodeURIComponent("SELECT count() FROM market_ticks")}`, { signal: AbortSignal.timeout(5_000) });
  return Number((await res.text()).trim());
}

export async function prometheusTargets(): Promise<Array<{ job: string; health: string; lastError: string }>> {
  const res = await fetch(`${PROMETHEUS_URL}/api/v1/targets`, { signal: AbortSignal.timeout(5_000) });
  const body = (await res.json()) as { data: { activeTargets: Array<{ labels: { job: string }; health: string; lastError: string }> } };
  return body.data.activeTargets.map((t) => ({ job: t.labels.job, health: t.health, lastError: t.lastError }));
}

/** metrics.k8s.io answers for the pipeline's node and pods. */
export function metricsReady(): boolean {
  try {
    const names = (apiPath: string) => (JSON.parse(kubectl(["get", "--raw", apiPath])) as { items: Array<{ metadata: { name: string } }> }).items.map((item) => item.metadata.name);
    // lab-node-1 (the control plane's bare KWOK node) has usage only while a pod runs on it.
    return names("/apis/metrics.k8s.io/v1beta1/nodes").includes("pipeline-node-1") && names(`/apis/metrics.k8s.io/v1beta1/namespaces/${NAMESPACE}/pods`).some((name) => name.startsWith("normalization-service-"));
  } catch {
    return false;
  }
}

export function startController(): void {
  if (livePid(CONTROLLER, CONTROLLER_ENTRY)) return;
  startDetached(CONTROLLER, "nice", ["-n", "5", process.execPath, "--import", "tsx", CONTROLLER_ENTRY]);
}

/**
 * What has a live process now (healthy or not: a half-started server counts), so that a
 * failed `up` stops only what it started itself.
 */
function running(): Set<string> {
  const up = new Set<string>();
  for (const s of [...DATA_SCRIPTS, "kube"]) {
    const r = run(path.join(SCRIPTS_DIR, `${s}.sh`), ["status"], { timeoutMs: 30_000 });
    // data scripts print "<name>: stopped" without a process; kube.sh one "<component> down" line each
    const lines = r.stdout.trim().split("\n").filter(Boolean);
    if (r.status === 0 || lines.some((line) => !/: stopped$|\sdown$/.test(line.trim()))) up.add(s);
  }
  if (jaegerPid()) up.add("jaeger");
  if (pipelineKwokPid()) up.add("pipeline-kwok");
  if (livePid(CONTROLLER, CONTROLLER_ENTRY)) up.add(CONTROLLER);
  return up;
}

async function stopStartedSince(before: Set<string>): Promise<string[]> {
  const started = [...running()].filter((name) => !before.has(name));
  if (started.includes(CONTROLLER)) await stopPid(CONTROLLER, undefined, 20_000);
  if (started.includes("pipeline-kwok")) await stopPipelineNode();
  if (started.includes("jaeger")) await stopJaeger();
  await Promise.all(started.filter((name) => [...DATA_SCRIPTS, "kube"].includes(name)).map((name) => script(name, ["stop"], "lab-up-cleanup").catch(() => undefined)));
  return started;
}

export async function up(): Promise<void> {
  const t0 = Date.now();
  const step = (msg: string) => console.log(`[lab up +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

  step("install (Debian packages, Maven jars, Go builds; cached after the first run)");
  await install();
  reserveLabPorts();
  const before = running();
  try {
    await start(step);
  } catch (error) {
    const stopped = await stopStartedSince(before);
    step(`failed; stopped what this up started: ${stopped.join(", ") || "nothing"}`);
    throw error;
  }
}

async function start(step: (msg: string) => void): Promise<void> {
  step("starting data services, OpenSearch and Jaeger, and the Kubernetes control plane");
  // allSettled: a failure must not leave a start still running while up cleans up
  const started = await Promise.allSettled([
    ...DATA_SCRIPTS.filter((s) => s !== "opensearch").map((s) => script(s, ["start"], `lab-up-${s}`)),
    script("opensearch", ["start"], "lab-up-opensearch").then(startJaeger),
    script("kube", ["start"], "lab-up-kube"),
  ]);
  const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;

  step("certificates, Kafka topics, API keys");
  ensureServiceCerts();
  await ensureTopics();
  await ensureApiKeys();

  step("pipeline node (second kwok) and Kubernetes objects");
  await startPipelineNode();
  kubectl(["apply", "--server-side", "--force-conflicts", "--field-manager=lab", "-f", "-"], asList(baseManifests()));
  ensureReleaseHistory();

  step("lab controller (runs the pipeline services, writes pod status)");
  startController();

  const faults = Object.keys(readFaults());
  if (faults.length) step(`active faults (not waiting for health): ${faults.join(", ")} — 'lab heal' clears them`);
  step("waiting for pods Ready, ticks in ClickHouse, Prometheus targets up and `kubectl top` answering");
  const waitPods = () =>
    waitFor("all pods Ready", () => {
      const out = kubectl(["get", "pods", "-A", "--field-selector=spec.nodeName=pipeline-node-1", "-o", "jsonpath={range .items[*]}{.metadata.name}={.status.containerStatuses[0].ready}{\"\\n\"}{end}"]);
      const lines = out.trim().split("\n").filter(Boolean);
      return lines.length >= 10 && lines.every((l) => l.endsWith("=true"));
    }, 120_000, 1_000);
  const before = await clickhouseCount();
  await Promise.all([
    faults.length ? Promise.resolve() : waitPods(),
    faults.length ? Promise.resolve() : waitFor("new rows in market_ticks", async () => (await clickhouseCount()) > before, 120_000, 1_000),
    faults.length ? Promise.resolve() : waitFor("Prometheus targets up", async () => (await prometheusTargets()).every((t) => t.health === "up"), 120_000, 1_000),
    // metrics-server's first scrape comes a while after start: until then `kubectl top` (and
    // the runbook's "Check resource usage") has nothing to say.
    faults.length ? Promise.resolve() : waitFor("kubectl top has node and pod usage", metricsReady, 120_000, 2_000),
  ]);
  step(`ready — KUBECONFIG=${path.relative(process.cwd(), path.join(LAB_SRC, "..", ".lab", "kubeconfig"))}; 'npm run lab -- status' for endpoints`);
}
