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
        ok: "Consumer groups: nothing out of the ordinary.",
        warn: "Consumer groups: something to look at; read the summary and the data.",
        fail: "Consumer groups: broken; this is likely part of the cause."
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
        ok: "Topic partitions, leaders and replicas: nothing out of the ordinary.",
        warn: "Topic partitions, leaders and replicas: something to look at; read the summary and the data.",
        fail: "Topic partitions, leaders and replicas: broken; this is likely part of the cause."
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
        ok: "Log directories and partition status: nothing out of the ordinary.",
        warn: "Log directories and partition status: something to look at; read the summary and the data.",
        fail: "Log directories and partition status: broken; this is likely part of the cause."
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
        ok: "The group keeps up: its lag is under the warning threshold.",
        warn: "The group falls behind: lag over the warning threshold, or it is rebalancing.",
        fail: "Lag over the failure threshold, or no consumer in the group."
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
