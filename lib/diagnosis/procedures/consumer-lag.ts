import { BACK_TO_RESOLUTION_UNLESS_GONE, defineProcedure } from "../definition";

/** Runbook: Kafka Issues › Consumer Lag. */
export const consumerLag = defineProcedure({
  id: "consumer-lag",
  version: 2,
  kind: "procedure",
  section: "Kafka Issues",
  title: "Consumer Lag",
  level: "L1",
  symptoms: [
    "High consumer lag",
    "Processing delays",
    "Memory issues"
  ],
  resolution: [
    "Scale up consumers",
    "Check partition distribution",
    "Review consumer configuration",
    "Monitor broker health"
  ],
  start: "check-consumer-groups",
  steps: [
    {
      id: "check-consumer-groups",
      title: "Check consumer groups",
      kind: "check",
      check: "kafka.consumer-groups-list",
      params: {},
      command: "kubectl exec -it kafka-0 -n data-processing -- kafka-consumer-groups.sh \\\n  --bootstrap-server localhost:9092 \\\n  --list",
      meaning: {
        ok: "Every consumer group the services use (normalization-group among them) is known to the brokers.",
        warn: "A group the services consume with is missing (named in the summary): its consumers never joined or the group expired; check that service's pods.",
        fail: "This check does not fail: a missing group is a warn.",
        error: "Kafka did not answer: see Broker Issues.",
      }
    },
    {
      id: "check-topic-details",
      title: "Check topic details",
      kind: "check",
      check: "kafka.topic-describe",
      params: {},
      command: "kubectl exec -it kafka-0 -n data-processing -- kafka-topics.sh \\\n  --bootstrap-server localhost:9092 \\\n  --describe --topic market-data",
      meaning: {
        ok: "Every partition of market-data has a leader and all its replicas in sync: the lag is not the brokers' doing.",
        warn: "Partitions of market-data are under-replicated (fewer in-sync replicas than replicas): monitor broker health.",
        fail: "market-data does not exist or has partitions without a leader: those partitions cannot be consumed; see Broker Issues.",
        error: "Kafka did not answer: see Broker Issues.",
      }
    },
    {
      id: "check-partition-status",
      title: "Check partition status",
      kind: "check",
      check: "kafka.log-dirs",
      params: {},
      command: "kubectl exec -it kafka-0 -n data-processing -- kafka-log-dirs.sh \\\n  --bootstrap-server localhost:9092 \\\n  --describe --json",
      meaning: {
        ok: "Every log directory is online and every partition led and in sync; the summary shows the largest topic on disk.",
        warn: "Partitions are under-replicated (count in the summary): a broker fell behind; monitor broker health.",
        fail: "A log directory has failed or partitions are offline (named in the summary): see Broker Issues and check disk space.",
        error: "Kafka did not answer: see Broker Issues.",
      }
    },
    {
      id: "check-group-lag",
      title: "Lag of normalization-group",
      kind: "check",
      inRunbook: false,
      check: "kafka.consumer-group-describe",
      params: { group: "normalization-group" },
      command: "kubectl exec -it kafka-0 -n data-processing -- kafka-consumer-groups.sh \\\n  --bootstrap-server localhost:9092 \\\n  --group normalization-group \\\n  --describe",
      meaning: {
        ok: "normalization-group is Stable with consumers, and its total lag is under 1,000 (consumerLagWarn).",
        warn: "Total lag is 1,000 or more, the group is rebalancing, or partitions have no consumer: the consumers fall behind; restart or scale them up.",
        fail: "Total lag is 10,000 or more (consumerLagFail), or the group has no consumer at all: market-data is not being consumed.",
        error: "Kafka did not answer: see Broker Issues.",
      },
      rules: [
        { when: { verdict: ["warn", "fail"] }, goto: "restart-consumer", because: "the group is behind: a consumer that stays in the group but stopped consuming is cleared by restarting it" },
        { when: { figure: { path: "totalLag", op: ">=", value: 100 } }, goto: "restart-consumer", because: "lag {value} and below the warning threshold, but messages are accumulating: restart the consumer" }
      ],
      next: { goto: "resolve", because: "the group keeps up: see the resolution for distribution and configuration" }
    },
    {
      id: "restart-consumer",
      title: "Restart the lagging consumer (normalization-service)",
      kind: "operation",
      operation: "rollout-restart",
      target: "deployment/data-processing/normalization-service",
      command: "kubectl rollout restart deployment/normalization-service -n data-processing",
      verify: ["check-group-lag"],
      next: { goto: "verify", because: "restarted: check that the lag drains" }
    },
    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: [
        "Scale up consumers",
        "Check partition distribution",
        "Review consumer configuration",
        "Monitor broker health"
      ]
    },
    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: [
        "check-consumer-groups",
        "check-topic-details",
        "check-partition-status",
        "check-group-lag"
      ],
      ...BACK_TO_RESOLUTION_UNLESS_GONE
    }
  ]
});
