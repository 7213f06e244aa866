import { BACK_TO_RESOLUTION_UNLESS_GONE, defineProcedure } from "../definition";

/** Runbook: Kafka Issues › Broker Issues. */
export const brokerIssues = defineProcedure({
  id: "broker-issues",
  version: 1,
  kind: "procedure",
  section: "Kafka Issues",
  title: "Broker Issues",
  level: "L1",
  symptoms: [
    "Broker failures",
    "Topic creation failures",
    "Replication issues"
  ],
  resolution: [
    "Restart brokers",
    "Check disk space",
    "Review replication settings",
    "Monitor broker metrics"
  ],
  start: "check-broker-status",
  steps: [
    {
      id: "check-broker-status",
      title: "Check broker status",
      kind: "check",
      check: "kafka.broker-api-versions",
      params: {},
      command: "kubectl exec -it kafka-0 -n data-processing -- kafka-broker-api-versions.sh \\\n  --bootstrap-server localhost:9092",
      meaning: {
        ok: "Brokers reachable: nothing out of the ordinary.",
        warn: "Brokers reachable: something to look at; read the summary and the data.",
        fail: "Brokers reachable: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-cluster-health",
      title: "Check cluster health",
      kind: "check",
      check: "kafka.topics-list",
      params: {},
      command: "kubectl exec -it kafka-0 -n data-processing -- kafka-topics.sh \\\n  --bootstrap-server localhost:9092 \\\n  --list",
      meaning: {
        ok: "Topics and cluster health: nothing out of the ordinary.",
        warn: "Topics and cluster health: something to look at; read the summary and the data.",
        fail: "Topics and cluster health: broken; this is likely part of the cause."
      }
    },
    {
      id: "check-broker-logs",
      title: "Check broker logs",
      kind: "check",
      check: "kubernetes.logs",
      params: {
        pod: "kafka-0"
      },
      command: "kubectl logs -n data-processing kafka-0",
      meaning: {
        ok: "Service logs: nothing out of the ordinary.",
        warn: "Service logs: something to look at; read the summary and the data.",
        fail: "Service logs: broken; this is likely part of the cause."
      }
    },
    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: [
        "Restart brokers",
        "Check disk space",
        "Review replication settings",
        "Monitor broker metrics"
      ]
    },
    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: [
        "check-broker-status",
        "check-cluster-health",
        "check-broker-logs"
      ],
      ...BACK_TO_RESOLUTION_UNLESS_GONE
    }
  ]
});
