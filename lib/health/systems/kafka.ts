import { judgeLag } from "@/lib/checks/service/judge";
import type { CheckContext } from "@/lib/checks/types";
import { thresholdsFor } from "@/lib/config/catalog";
import { describeCluster } from "@/lib/connectors/kafka/cluster";
import { groupLag } from "@/lib/connectors/kafka/groups";
import { kafkaTarget } from "@/lib/connectors/kafka/kafka-client";
import { describeTopics } from "@/lib/connectors/kafka/topics";
import type { ConnectorResult } from "@/lib/connectors/result";
import type { SystemHealth } from "../types";
import { SystemVerdict } from "./system-verdict";

/**
 * Kafka in one look (runbook, Kafka Issues: `kafka-broker-api-versions.sh`, `kafka-topics.sh
 * --describe`, `kafka-consumer-groups.sh --describe`): brokers, topics, partitions without a
 * leader or out of sync, and the lag of each consumer group the catalog's services use.
 * Everything is asked at once on the cached admin, each call within the probe deadline, so
 * the probe answers by then even when Kafka hangs; never throws.
 *
 * unknown (grey): no broker answers; down: every partition without a leader; degraded: under-replicated
 * or offline partitions, no controller, or a group's lag at its consumerLagFail (messages
 * accumulating in Kafka). Lag below that is a figure and a reason, not a Kafka problem.
 */
const words = (value: number, word: string) => `${value.toLocaleString("en-US")} ${word}${value === 1 ? "" : "s"}`;

export async function probeKafka(context: CheckContext): Promise<SystemHealth> {
  const target = kafkaTarget(context.catalog.systems.kafka, context.env);
  const empty = { brokers: null, topics: null, underReplicated: null, offline: null, totalLag: null };
  if (!target.ok) return { status: target.error.kind === "not_configured" ? "not_configured" : "unknown", reasons: [target.error.message], figures: empty };

  const consumers = context.catalog.services.filter((service) => service.kafka);
  const [cluster, topics, ...lags] = await Promise.all([
    describeCluster(target.value, context.deadlineMs),
    describeTopics(target.value, context.deadlineMs),
    ...consumers.map((service) => groupLag(target.value, service.kafka!.group, service.kafka!.topics.length ? service.kafka!.topics : undefined, context.deadlineMs)),
  ]);

  if (!cluster.ok) {
    return { status: "unknown", reasons: [`${cluster.error.kind.replace("_", " ")}: ${cluster.error.message}`], figures: { ...empty, ms: Math.round(cluster.ms) } };
  }

  const verdict = new SystemVerdict("kafka");

  const brokers = cluster.value.brokers.length;
  if (brokers === 0) verdict.raise("down", "no brokers");
  else verdict.note(words(brokers, "broker"));
  if (cluster.value.controller === null) verdict.raise("degraded", "no controller");

  let underReplicated: number | null = null;
  let offline: number | null = null;
  if (topics.ok) {
    const partitions = topics.value.flatMap((topic) => topic.partitions);
    underReplicated = partitions.filter((partition) => partition.underReplicated).length;
    offline = partitions.filter((partition) => partition.offline).length;
    if (offline) verdict.raise(offline === partitions.length ? "down" : "degraded", `${words(offline, "offline partition")} (no leader)`);
    if (underReplicated) verdict.raise("degraded", words(underReplicated, "under-replicated partition"));
  } else verdict.raise("unknown", `topics: ${topics.error.kind.replace("_", " ")}`);

  let totalLag: number | null = consumers.length ? 0 : null;
  lags.forEach((lag, index) => {
    const service = consumers[index]!;
    const group = service.kafka!.group;
    if (!lag.ok) {
      totalLag = null;
      verdict.note(`${group} lag: ${lag.error.kind.replace("_", " ")}`);
      return;
    }
    if (totalLag !== null) totalLag += lag.value.totalLag;
    // Judged as the service's panel and kafka.consumer-group-describe judge it; only past the
    // fail line does the group's lag degrade Kafka itself (below it, it is the service's symptom).
    const judged = judgeLag(lag.value.totalLag, null, thresholdsFor(context.catalog, service), group);
    if (judged.verdict === "fail") verdict.raise("degraded", judged.reason, "kafka.lag", "consumer-lag");
    else verdict.note(judged.reason);
  });

  return {
    status: verdict.status,
    reasons: verdict.reasons,
    findings: verdict.findings,
    figures: { brokers, topics: topics.ok ? topics.value.length : null, underReplicated, offline, totalLag, ms: Math.round(Math.max(cluster.ms, topics.ms, ...lags.map((lag) => lag.ms))) },
  };
}

/** The total lag of one consumer group on its topics (all the group committed to when none are given), for a service panel. */
export async function consumerLag(context: CheckContext, group: string, topics: string[]): Promise<ConnectorResult<number>> {
  const target = kafkaTarget(context.catalog.systems.kafka, context.env);
  if (!target.ok) return target;
  const result = await groupLag(target.value, group, topics.length ? topics : undefined, context.deadlineMs);
  return result.ok ? { ok: true, value: result.value.totalLag, ms: result.ms } : result;
}
