import type { Verdict } from "@/lib/checks/types";

/**
 * What each lab fault looks like to the checks of its runbook section: the check (by id,
 * with the parameters a responder would give it), the verdict it must turn, and a summary
 * pattern that cannot match the healthy lab, so a check that says "ok" in other words, or
 * fails for another reason, does not pass. A fault added to lab/faults/registry.ts without
 * an entry here fails lib/checks/faults.lab.test.ts.
 *
 * A row "shows the fault" when the verdict is one of `verdict` AND the summary matches.
 * Before injection no row may show it. `healed` is what the check says once healed:
 * - "ok": ok before the fault and ok again after heal (polled);
 * - "clears": no longer shows the fault, though the healthy lab keeps it warn for a standing
 *   reason the summary names (restarts left by earlier faults, a fixture key that expired);
 * - { keeps }: the check reports history that outlives the fault, by design, said why.
 * `rises` names a figure in the check's data that must grow while the fault is on: for the
 * checks that judge totals since process start, where the verdict alone may already have
 * been warn from an earlier run.
 * `defect` marks a check that should see the fault and does not (a known bug, said what):
 * the test asserts it still does not, so fixing the check fails it until the row loses its
 * `defect` — the gap stays visible instead of the row being dropped or loosened.
 */
export interface CheckUnderFault {
  check: string;
  params?: Record<string, unknown>;
  verdict: Verdict[];
  summary: RegExp;
  healed: "ok" | "clears" | { keeps: string };
  rises?: string;
  defect?: string;
}

const EVENTS = "Warning events of the last events window stay after the fault";

export const FAULT_CHECKS: Record<string, CheckUnderFault[]> = {
  crashloop: [
    { check: "kubernetes.get-pods", params: { selector: "app=normalization-service" }, verdict: ["fail", "warn"], summary: /^0\/1 pods ready|CrashLoopBackOff/, healed: "clears" },
    { check: "kubernetes.describe-pod", params: { deployment: "normalization-service" }, verdict: ["fail", "warn"], summary: /CrashLoopBackOff|Error \(exit 1\)|[1-9]\d* restarts/, healed: "ok" },
    { check: "service.health", params: { service: "normalization-service" }, verdict: ["error", "fail"], summary: /unreachable|HTTP 5\d\d/, healed: "ok" },
  ],
  "cert-expiring": [{ check: "tls.certificate", verdict: ["fail"], summary: /EXPIRED .*\(\d+ h ago\)/, healed: "ok" }],
  "broker-down": [
    { check: "kubernetes.get-pods", params: { selector: "app=kafka" }, verdict: ["fail", "warn"], summary: /^0\/1 pods ready/, healed: "clears" },
    { check: "kafka.broker-api-versions", verdict: ["error"], summary: /^(unreachable|timeout)/, healed: "ok" },
    { check: "kafka.consumer-group-describe", verdict: ["error"], summary: /^(unreachable|timeout)/, healed: "ok" },
    { check: "kafka.topics-list", verdict: ["error"], summary: /^(unreachable|timeout)/, healed: "ok" },
  ],
  "rate-limit-storm": [
    { check: "service.rate-limit", params: { service: "normalization-service" }, verdict: ["warn"], summary: /429s [\d.]+\/s \(for trading-desk-a/, healed: "ok", rises: "limited" },
    // Without `limit` the check cannot know the limiter's line and stays ok (reported); the lab's limit is 30 per 10 s window.
    { check: "redis.rate-limit-keys", verdict: ["warn"], summary: /^[1-9]\d* over the limit of 30; /, healed: "ok" },
  ],
  // The lab's old-dashboard key expired long ago (a fixture): the healthy check is warn naming it.
  "auth-failures": [{ check: "postgresql.active-api-keys", verdict: ["warn"], summary: /expired \(.*risk-desk-b/, healed: "clears" }],
  "bad-prices": [
    { check: "clickhouse.invalid-prices", verdict: ["warn", "fail"], summary: /^\d[\d,]* rows with price <= 0 in market_ticks/, healed: "ok" },
    { check: "service.quality", params: { service: "enrichment-service" }, verdict: ["warn"], summary: /data-quality issues [\d.]+\/s \(.*price ≤ 0/, healed: "ok" },
  ],
  "slow-queries": [
    { check: "clickhouse.processes", verdict: ["warn"], summary: /over [\d.]+ s/, healed: "ok" },
    // clickhouse.latency-queries judges today's system.query_log: once slow-queries has run
    // today it is warn before the fault too, so it cannot tell this fault; not listed.
  ],
  "pg-locks": [{ check: "postgresql.activity", verdict: ["warn", "fail"], summary: /[1-9]\d* waiting on locks/, healed: "ok" }],
  "target-down": [{ check: "prometheus.targets", verdict: ["warn"], summary: /targets up; down: normalization-service/, healed: "ok" }],
  "helm-failed": [
    { check: "helm.status", verdict: ["fail"], summary: /revision \d+ failed/, healed: "ok" },
    // after the rollback the failed revision stays in the history: warn, naming it
    { check: "helm.history", verdict: ["fail"], summary: /latest \d+ failed/, healed: "clears" },
  ],
  "image-pull": [
    { check: "kubernetes.image-pull", verdict: ["fail"], summary: /containers? cannot pull: enrichment-service-.*(ErrImagePull|ImagePullBackOff)/, healed: "ok" },
    {
      check: "kubernetes.describe-pod",
      params: { deployment: "enrichment-service" },
      verdict: ["fail", "warn"],
      summary: /ErrImagePull|ImagePullBackOff/,
      // restarts and an OOMKilled left by the oom fault keep this pod at warn
      healed: "clears",
    },
    { check: "kubernetes.get-events", verdict: ["warn"], summary: /Failed|BackOff|ErrImagePull/, healed: { keeps: EVENTS } },
  ],
  oom: [
    { check: "kubernetes.describe-pod", params: { deployment: "enrichment-service" }, verdict: ["warn", "fail"], summary: /OOMKilled/, healed: { keeps: "the pod's last termination (OOMKilled) and its restarts stay until the pod is replaced" } },
    { check: "service.heap", params: { service: "enrichment-service" }, verdict: ["warn", "fail"], summary: /memory \d+ % of limit/, healed: "ok" },
    // near the limit the pod is named with its figures; the healthy summary says "highest …"
    { check: "kubernetes.top-pods", verdict: ["warn", "fail"], summary: /(?<!highest )enrichment-service-[\w-]+ [\d.]+\w+ of [\d.]+\w+ \(\d+ %\)/, healed: "ok" },
  ],
  "consumer-stall": [{ check: "kafka.consumer-group-describe", params: { group: "normalization-group" }, verdict: ["warn", "fail"], summary: /lag [\d,]+ on market-data/, healed: "ok" }],
  // service.latency judges the p99 of its last few seconds (two scrapes), as the panel does
  latency: [{ check: "service.latency", params: { service: "normalization-service" }, verdict: ["warn", "fail"], summary: /p99 \d+ ms/, healed: "ok" }],
  "jaeger-down": [
    { check: "jaeger.collector-health", verdict: ["error"], summary: /^unreachable/, healed: "ok" },
    { check: "jaeger.trace-metrics", verdict: ["error"], summary: /^unreachable/, healed: "ok" },
  ],
  "tracing-off": [{ check: "kubernetes.tracing-env", params: { deployment: "normalization-service" }, verdict: ["warn"], summary: /TRACING_SAMPLING_RATE=0\b.*sampling rate 0$/, healed: "ok" }],
};
