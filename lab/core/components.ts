/**
 * Every component of the lab, how to tell whether it is up, and where its log is —
 * for `lab status` and `lab logs`.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { CLICKHOUSE_URL, LOG_DIR, OPENSEARCH_URL, PORTS, PROMETHEUS_URL, SCRIPTS_DIR } from "./paths.ts";
import { livePid, run } from "./proc.ts";
import { externalWorkloads } from "../cluster/workloads.ts";
import { containerLogPaths } from "../controller/cri-log.ts";

export interface ComponentStatus {
  name: string;
  endpoint: string;
  up: boolean;
  detail: string;
}

interface Component {
  name: string;
  endpoint: string;
  /** log file `lab logs <name>` shows */
  log: string;
  check: () => Promise<{ up: boolean; detail: string }>;
}

const tcp = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port, timeout: 1_500 });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
    s.once("timeout", () => (s.destroy(), resolve(false)));
  });

async function http(url: string): Promise<{ up: boolean; detail: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    const body = (await res.text()).trim().slice(0, 200);
    return { up: res.ok, detail: `HTTP ${res.status} ${body}` };
  } catch (error) {
    return { up: false, detail: (error as Error).cause ? String((error as Error & { cause: unknown }).cause) : (error as Error).message };
  }
}

/** A data service managed by lab/scripts/<script>.sh (its `status` prints one line). */
const dataService = (name: string, script: string, endpoint: string, port: number): Component => ({
  name,
  endpoint,
  // the server's own log (e.g. Kafka's server.log), as its pod's `kubectl logs` shows it
  log: externalWorkloads().find((w) => w.name === name)?.logFile ?? path.join(LOG_DIR, `${script}.log`),
  check: async () => {
    const r = run(path.join(SCRIPTS_DIR, `${script}.sh`), ["status"], { timeoutMs: 20_000 });
    return { up: r.status === 0 && (await tcp(port)), detail: (r.stdout || r.stderr).trim() };
  },
});

/** kube.sh status: one line per control-plane component. */
function kubeStatus(): Map<string, string> {
  const r = run(path.join(SCRIPTS_DIR, "kube.sh"), ["status"], { timeoutMs: 30_000 });
  return new Map(
    r.stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => {
        const [name, ...rest] = l.trim().split(/\s+/);
        return [name!, rest.join(" ")];
      }),
  );
}

const KUBE_PORTS: Record<string, string> = {
  etcd: "http://127.0.0.1:52379",
  "kube-apiserver": `https://127.0.0.1:${PORTS.kubeApiserver}`,
  "kube-controller-manager": "https://127.0.0.1:50257",
  "kube-scheduler": "https://127.0.0.1:50259",
  kwok: "http://127.0.0.1:10247",
  "metrics-server": "https://127.0.0.1:50443",
};

const process_ = (name: string, pidName: string, endpoint: string, marker?: string): Component => ({
  name,
  endpoint,
  log: path.join(LOG_DIR, `${pidName}.log`),
  check: async () => {
    const pid = livePid(pidName, marker);
    return { up: pid !== null, detail: pid ? `pid ${pid}` : "not running" };
  },
});

const pipelineService = (name: string, endpoint: string, healthUrl?: string): Component => ({
  name,
  endpoint,
  log: containerLogPaths(name).current,
  check: async () => {
    if (healthUrl) return http(healthUrl);
    const logFile = containerLogPaths(name).current;
    const fresh = fs.existsSync(logFile) && Date.now() - fs.statSync(logFile).mtimeMs < 120_000;
    return { up: livePid("lab-controller") !== null && fresh, detail: fresh ? "logging" : "no recent output" };
  },
});

export function components(): Component[] {
  const kube = [...Object.entries(KUBE_PORTS)].map(([name, endpoint]) => ({
    name,
    endpoint,
    log: path.join(LOG_DIR, `${name}.log`),
    check: async () => ({ up: false, detail: "" }), // filled from one kube.sh status call
  }));
  return [
    dataService("kafka", "kafka", `127.0.0.1:${PORTS.kafka}`, PORTS.kafka),
    dataService("clickhouse", "clickhouse", CLICKHOUSE_URL, PORTS.clickhouseHttp),
    dataService("redis", "redis", `redis://127.0.0.1:${PORTS.redis}`, PORTS.redis),
    dataService("prometheus", "prometheus", PROMETHEUS_URL, PORTS.prometheus),
    dataService("postgresql", "pipeline-db", `postgresql://user:pipeline@127.0.0.1:${PORTS.pipelineDb}/db`, PORTS.pipelineDb),
    dataService("elasticsearch", "opensearch", OPENSEARCH_URL, PORTS.opensearch),
    ...kube,
    {
      name: "jaeger",
      endpoint: `http://127.0.0.1:${PORTS.jaegerCollector} (collector), http://127.0.0.1:${PORTS.jaegerQuery} (query)`,
      log: path.join(LOG_DIR, "jaeger.log"),
      check: () => http(`http://127.0.0.1:${PORTS.jaegerAdmin}/`),
    },
    process_("pipeline-kwok", "pipeline-kwok", `http://127.0.0.1:${PORTS.pipelineKwok}`),
    process_("lab-controller", "lab-controller", "(pod status for pipeline-node-1)"),
    pipelineService("normalization-service", `http://127.0.0.1:${PORTS.normalizationHttp}`, `http://127.0.0.1:${PORTS.normalizationHttp}/health`),
    pipelineService("normalization-service-metrics", `http://127.0.0.1:${PORTS.normalizationMetrics}/metrics`, `http://127.0.0.1:${PORTS.normalizationMetrics}/metrics`),
    pipelineService("enrichment-service", `http://127.0.0.1:${PORTS.enrichmentHttp}`, `http://127.0.0.1:${PORTS.enrichmentHttp}/health`),
    pipelineService("enrichment-service-metrics", `http://127.0.0.1:${PORTS.enrichmentMetrics}/metrics`, `http://127.0.0.1:${PORTS.enrichmentMetrics}/metrics`),
    pipelineService("market-data-producer", "kafka topic market-data"),
    pipelineService("market-data-api-client", "calls :18080 and :18081 with API keys"),
  ];
}

export async function statusAll(): Promise<ComponentStatus[]> {
  const kube = kubeStatus();
  return Promise.all(
    components().map(async (c) => {
      if (c.name in KUBE_PORTS) {
        const line = kube.get(c.name) ?? "down";
        return { name: c.name, endpoint: c.endpoint, up: line.startsWith("up"), detail: line };
      }
      const { up, detail } = await c.check();
      // metrics bodies are long: say how many lines instead
      const short = c.name.endsWith("-metrics") && up ? `HTTP 200 (${detail.length > 0 ? "metrics served" : "empty"})` : detail;
      return { name: c.name, endpoint: c.endpoint, up, detail: short.replace(/\s+/g, " ") };
    }),
  );
}
