/**
 * The runbook's diagnosis commands, run against the lab the way an operator would (or
 * their direct equivalent where the runbook assumes in-cluster DNS or `kubectl exec`,
 * which the lab cannot offer: see lab/README.md).
 */
import { Kafka, logLevel } from "kafkajs";
import pg from "pg";
import { Redis } from "ioredis";
import { kubectl } from "../core/kube.ts";
import { CLICKHOUSE_URL, GROUPS, KAFKA_BROKERS, NAMESPACE, PIPELINE_DB_URL, PROMETHEUS_URL, REDIS_URL, TOPICS } from "../core/paths.ts";

export { kubectl };

/** `kubectl get pods -n data-processing [-l app=X]` as objects. */
export function pods(selector?: string, namespace = NAMESPACE) {
  const out = kubectl(["get", "pods", "-n", namespace, ...(selector ? ["-l", selector] : []), "-o", "json"]);
  return (JSON.parse(out) as { items: Array<PodJson> }).items;
}

export interface PodJson {
  metadata: { name: string; labels: Record<string, string>; deletionTimestamp?: string };
  spec: { containers: Array<{ image: string }> };
  status: {
    phase: string;
    containerStatuses?: Array<{
      ready: boolean;
      restartCount: number;
      state: { running?: object; waiting?: { reason: string; message?: string }; terminated?: { reason: string; exitCode: number } };
      lastState: { terminated?: { reason: string; exitCode: number } };
    }>;
  };
}

/** The STATUS column of `kubectl get pods`, for one pod. */
export function podStatusColumn(name: string): string {
  const out = kubectl(["get", "pod", "-n", NAMESPACE, name, "--no-headers"]);
  return out.trim().split(/\s+/)[2] ?? "";
}

/** `kubectl logs -n data-processing deployment/<name>` */
export const deploymentLogs = (name: string, namespace = NAMESPACE) => kubectl(["logs", "-n", namespace, `deployment/${name}`, "--tail=2000"]);

/** `curl http://<service>:9090/metrics | grep <word>` → the matching sample lines. */
export async function metricsGrep(port: number, word: string): Promise<string[]> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
  return text.split("\n").filter((l) => l.includes(word) && !l.startsWith("#"));
}

/** Sum of the samples of one metric (all label sets). */
export async function metricSum(port: number, name: string): Promise<number> {
  const lines = await metricsGrep(port, name);
  return lines.filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `)).reduce((s, l) => s + Number(l.split(" ").at(-1)), 0);
}

/** `clickhouse-client --query "…"` over HTTP (TabSeparated). */
export async function clickhouse(sql: string): Promise<string> {
  const res = await fetch(CLICKHOUSE_URL, { method: "POST", body: sql, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(text);
  return text.trim();
}

/** `psql -U user -d db -c "…"` */
export async function psql<T extends Record<string, unknown>>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: PIPELINE_DB_URL, application_name: "psql" });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** `redis-cli --scan --pattern "rate_limit:*"` */
export async function redisScan(pattern: string): Promise<string[]> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  try {
    const keys: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== "0");
    return keys;
  } finally {
    redis.disconnect();
  }
}

/**
 * `kubectl exec -it <pod> -n data-processing -- <command…>`, literally (without -it): kwok
 * runs it on this machine with lab/exec-bin first on PATH (see lab/exec-bin/README.md).
 */
export function execIn(pod: string, command: string[]): string {
  return kubectl(["exec", pod, "-n", NAMESPACE, "--", ...command]);
}

/** The runbook's `kubectl exec -it kafka-0 … kafka-consumer-groups.sh --bootstrap-server localhost:9092 --group <g> --describe`. */
export function consumerGroupDescribe(group: string = GROUPS.normalization): { lag: number; raw: string } {
  const raw = execIn("kafka-0", ["kafka-consumer-groups.sh", "--bootstrap-server", "localhost:9092", "--group", group, "--describe"]);
  const r = { stdout: raw, stderr: "" };
  const rows = r.stdout.split("\n").filter((l) => l.startsWith(group));
  const lag = rows.reduce((sum, l) => sum + (Number(l.trim().split(/\s+/)[5]) || 0), 0);
  return { lag, raw: r.stdout + r.stderr };
}

/** The same lag through kafkajs (what the console uses): committed vs. end offsets. */
export async function kafkajsLag(group: string = GROUPS.normalization, topic: string = TOPICS.marketData) {
  const admin = new Kafka({ clientId: "lab-test", brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    const lag = committed!.partitions.reduce((sum, p) => {
      const end = Number(ends.find((e) => e.partition === p.partition)?.offset ?? 0);
      return sum + Math.max(0, end - Math.max(0, Number(p.offset)));
    }, 0);
    return { groups, lag };
  } finally {
    await admin.disconnect();
  }
}

/** `curl http://prometheus:9090/api/v1/targets` → job → health */
export async function prometheusTargets(): Promise<Record<string, { health: string; lastError: string }>> {
  const body = (await (await fetch(`${PROMETHEUS_URL}/api/v1/targets`)).json()) as { data: { activeTargets: Array<{ labels: { job: string }; health: string; lastError: string }> } };
  return Object.fromEntries(body.data.activeTargets.map((t) => [t.labels.job, { health: t.health, lastError: t.lastError }]));
}

/** Prometheus instant query → first value. */
export async function promQuery(query: string): Promise<number> {
  const res = await fetch(`${PROMETHEUS_URL}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await res.json()) as { data: { result: Array<{ value: [number, string] }> } };
  return Number(body.data.result[0]?.value[1] ?? NaN);
}
