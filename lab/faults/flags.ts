/**
 * Faults the pipeline services act out when their flag is set (see each service's header
 * comment for how): the behaviour is real — real Kafka lag, real rows, real 429s — only
 * the trigger is a flag.
 */
import { clickhouse } from "../core/clickhouse.ts";
import { NAMESPACE } from "../core/paths.ts";
import { kubectl } from "../core/kube.ts";
import { flagFault } from "./fault.ts";

export const consumerStall = flagFault(
  "consumer-stall",
  "Data Processing Issues › Data Not Processing; Kafka Issues › Consumer Lag",
  "normalization-service stops consuming market-data while staying in normalization-group: the group's lag grows",
);

export const latency = flagFault(
  "latency",
  "Performance Issues › High Latency",
  "a few percent of normalizations take 0.3–0.8 s: processing_duration_seconds p99 jumps",
);

export const targetDown = flagFault(
  "target-down",
  "Monitoring Issues › Prometheus Issues",
  "normalization-service's metrics exporter stops listening on :19090: its Prometheus target goes down",
);

export const rateLimitStorm = flagFault(
  "rate-limit-storm",
  "Security Issues › Rate Limiting Issues",
  "trading-desk-a's client retries without backoff: 429s from both services, rate_limit:* keys in Redis at the limit",
);

export const slowQueries = flagFault(
  "slow-queries",
  "Performance Issues › High Latency (database); Database Issues › ClickHouse Issues",
  "enrichment-service runs an unbounded VWAP backfill every few seconds: multi-second queries top system.query_log",
  // The backfill sleeps per block of market_ticks, so it grows with the day's data (17 s on a
  // long-running lab): healed, the one already running is killed, as a DBA would, instead of
  // finishing slow after the fault is gone. A killed query is not a finished one in query_log.
  // The service reads the flag every 500 ms: past that, no new backfill starts.
  {
    afterHeal: async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await clickhouse("KILL QUERY WHERE query LIKE '%enrichment-service vwap backfill%' AND http_user_agent LIKE 'enrichment-service%' SYNC");
    },
  },
);

export const oom = flagFault(
  "oom",
  "Performance Issues › High Memory Usage",
  "enrichment-service's replay buffer is never trimmed: memory climbs to the 384Mi limit and the pod is OOMKilled, again and again",
  // A process that grew does not give its memory back to the OS when the leak stops: the
  // runbook's "restart affected services" (a fresh pod) is what brings it down again.
  { afterHeal: async () => void kubectl(["delete", "pod", "-n", NAMESPACE, "-l", "app=enrichment-service", "--wait=false"]) },
);

/** Resolution "restart affected services" after fixing the config: a fresh pod. */
export const crashloop = flagFault(
  "crashloop",
  "Service Health Checks › Service Not Starting",
  "normalization-service gets a bad configuration: the process exits at start, the pod goes CrashLoopBackOff with rising restarts",
  { afterHeal: async () => void kubectl(["delete", "pod", "-n", NAMESPACE, "-l", "app=normalization-service", "--wait=false"]) },
);
