import { defineProcedure } from "../definition";

/** Runbook: Data Processing Issues › Data Not Processing. */
export const dataNotProcessing = defineProcedure({
  id: "data-not-processing",
  version: 1,
  kind: "procedure",
  section: "Data Processing Issues",
  title: "Data Not Processing",
  level: "L1",
  symptoms: ["Messages accumulating in Kafka topics", "No data in ClickHouse tables", "Processing metrics showing zero"],
  resolution: ["Restart affected services", "Check Kafka connectivity", "Verify database connections", "Review error logs"],
  start: "check-kafka-topic-lag",
  steps: [
    {
      id: "check-kafka-topic-lag",
      title: "Check Kafka topic lag",
      kind: "check",
      check: "kafka.consumer-group-describe",
      params: { group: "normalization-group" },
      command: "kubectl exec -it kafka-0 -n data-processing -- kafka-consumer-groups.sh \\\n  --bootstrap-server localhost:9092 \\\n  --group normalization-group \\\n  --describe",
      meaning: {
        ok: "The consumers keep up with market-data: messages are not accumulating in Kafka.",
        warn: "Messages are accumulating (lag over the warning threshold) or the group is rebalancing: the consumers are falling behind.",
        fail: "Lag over the failure threshold, or no consumer in the group: market-data is not being processed.",
        error: "Kafka did not answer: the lag is unknown; Broker Issues may be the real problem.",
      },
      rules: [
        { when: { figure: { path: "totalLag", op: ">=", value: 1000 } }, goto: "check-service-metrics", because: "lag {value} and the consumers are behind: is normalization-service processing at all?" },
        { when: { verdict: ["fail", "warn"] }, goto: "check-service-metrics", because: "the group is not consuming normally: is normalization-service processing at all?" },
        // A keeping-up group lags by a few messages; a stall shows as lag climbing long before the warning threshold.
        { when: { figure: { path: "totalLag", op: ">=", value: 100 } }, goto: "check-service-metrics", because: "lag {value}, below the warning threshold but messages are accumulating: is normalization-service processing?" },
      ],
      next: { goto: "check-clickhouse-tables", because: "Kafka is consumed: see whether the data reaches ClickHouse" },
    },    {
      id: "check-clickhouse-tables",
      title: "Check ClickHouse tables",
      kind: "check",
      check: "clickhouse.count-rows",
      params: { table: "market_ticks" },
      command: 'kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query "SELECT count() FROM market_ticks"',
      meaning: {
        ok: "market_ticks has rows: ClickHouse holds data (compare with a later run to see it grow).",
        warn: "The table answers but something about it is unusual: read the summary.",
        fail: "market_ticks is empty: no data reaches ClickHouse.",
        error: "ClickHouse did not answer: see ClickHouse Issues.",
      },
      next: { goto: "recent-change", because: "before restarting, rule out a recent change" },
    },    {
      id: "check-service-metrics",
      title: "Check service metrics",
      kind: "check",
      check: "service.processed",
      params: { service: "normalization-service" },
      command: "curl http://normalization-service:9090/metrics | grep processed",
      meaning: {
        ok: "normalization-service counts processed messages with few errors.",
        warn: "The service processed nothing yet, or its error ratio is over the warning threshold.",
        fail: "Processing shows errors only, or the error ratio is over the failure threshold.",
        error: "The metrics endpoint did not answer: the service may be down (Service Not Starting).",
      },
      next: { goto: "review-error-logs", because: "the service's own log says why it stopped" },
    },    {
      id: "review-error-logs",
      inRunbook: false,
      title: "Review error logs",
      kind: "check",
      check: "kubernetes.logs",
      params: { deployment: "normalization-service", filter: "ERROR", tailLines: 500 },
      command: "kubectl logs -f -n data-processing deployment/normalization-service",
      meaning: {
        ok: "No ERROR lines in the last 500 lines of normalization-service.",
        warn: "ERROR lines in the tail: read them for the cause (Kafka, ClickHouse, configuration).",
        fail: "The log could not be read from a running container.",
      },
      next: { goto: "check-clickhouse-tables", because: "see whether any data reaches ClickHouse" },
    },    {
      id: "recent-change",
      title: "Recent change?",
      kind: "question",
      question: "Was anything deployed, restarted or reconfigured in the last hour?",
      answers: [
        { value: "yes", label: "Yes, a recent change", goto: "resolve", because: "a recent change is the likeliest cause: note it, and consider Deployment Failures (rollback) after the resolution" },
        { value: "no", label: "No change that I know of", goto: "resolve", because: "no change: restart the stalled service and check its connections" },
      ],
    },    {
      id: "resolve",
      title: "Resolution",
      kind: "checklist",
      items: ["Restart affected services", "Check Kafka connectivity", "Verify database connections", "Review error logs"],
      next: { goto: "verify", because: "after the resolution, check the lag and the processing again" },
    },    {
      id: "verify",
      title: "Verify the fix",
      kind: "verify",
      steps: ["check-kafka-topic-lag", "check-service-metrics"],
      rules: [{ when: { verdict: ["fail"] }, goto: "resolve", because: "still failing after the resolution: back to the resolution steps" }],
      next: { goto: "end", because: "lag and processing are back to normal" },
    },
  ],
});
