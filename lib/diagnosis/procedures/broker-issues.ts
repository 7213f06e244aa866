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
        ok: "Every broker in the cluster metadata answers ApiVersions and there is a controller.",
        warn: "Some brokers do not answer (named in the summary): restart them, then check their disk space and logs.",
        fail: "No broker answers, the metadata lists none, or there is no controller: the cluster is down; restart brokers.",
        error: "The bootstrap brokers did not answer: Kafka cannot be asked at all; read kafka-0's log.",
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
        ok: "Every partition has a leader and all its replicas in sync, and every topic the services use exists.",
        warn: "Partitions are under-replicated, or a topic the services use is missing (both in the summary): review replication settings and the broker that fell out.",
        fail: "Partitions are offline (no leader): their data can be neither written nor read; restart the broker that led them.",
        error: "Kafka did not answer the metadata request.",
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
        ok: "No ERROR or FATAL line in kafka-0's newest 1,000 lines.",
        warn: "ERROR or FATAL lines in kafka-0's log (count in the summary): look for disk full, replication or controller errors.",
        fail: "This check does not fail: ERROR lines are a warn, an unreadable log an error.",
        error: "The Kubernetes API did not answer, or kafka-0 does not exist.",
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
