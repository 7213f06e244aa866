import { defineProcedure } from "../definition";

/** Runbook: Emergency Procedures › Data Loss. */
export const dataLoss = defineProcedure({
  id: "data-loss",
  version: 1,
  kind: "emergency",
  section: "Emergency Procedures",
  title: "Data Loss",
  level: "L3",
  immediateActions: ["Stop data processing", "Assess data loss scope", "Check backup availability", "Notify stakeholders"],
  recoverySteps: ["Restore from backup", "Replay missing data", "Verify data integrity", "Resume processing"],
  resolution: ["Restore from backup", "Replay missing data", "Verify data integrity", "Resume processing"],
  start: "immediate-actions",
  steps: [
    { id: "immediate-actions", title: "Immediate actions", kind: "checklist", items: ["Stop data processing", "Assess data loss scope", "Check backup availability", "Notify stakeholders"] },
    {
      id: "assess-scope",
      inRunbook: false,
      title: "Assess data loss scope",
      kind: "check",
      check: "clickhouse.count-rows",
      params: { table: "market_ticks" },
      command: 'kubectl exec -it clickhouse-0 -n data-processing -- clickhouse-client \\\n  --query "SELECT count() FROM market_ticks"',
      meaning: {
        ok: "market_ticks still holds rows (count in the summary): compare it with the expected count to size the loss.",
        warn: "This check does not warn: a table with rows is ok, an empty one fails.",
        fail: "market_ticks has 0 rows: all its data is gone; check backup availability and restore from backup.",
        error: "ClickHouse did not answer: the scope cannot be assessed yet; see ClickHouse Issues.",
        skipped: "ClickHouse is not configured in the catalog.",
      },
    },
    {
      id: "replay-position",
      inRunbook: false,
      title: "Where the consumers stand (replay from here)",
      kind: "check",
      check: "kafka.consumer-group-describe",
      params: { group: "normalization-group" },
      command: "kubectl exec -it kafka-0 -n data-processing -- kafka-consumer-groups.sh \\\n  --bootstrap-server localhost:9092 \\\n  --group normalization-group \\\n  --describe",
      meaning: {
        ok: "normalization-group is Stable with consumers and lag under 1,000: its committed offsets are current; replay starts from the loss window.",
        warn: "Lag of 1,000 or more, or the group is rebalancing: the messages not yet processed are still in Kafka; the offsets per partition show where replay starts.",
        fail: "No consumer in the group (expected once processing is stopped) or lag of 10,000 or more: replay from the committed offsets per partition in the data.",
        error: "Kafka did not answer: the replay position is unknown; see Broker Issues.",
      },
    },
    { id: "recovery-steps", title: "Recovery steps", kind: "checklist", items: ["Restore from backup", "Replay missing data", "Verify data integrity", "Resume processing"] },
    {
      id: "verify",
      title: "Verify data integrity",
      kind: "verify",
      steps: ["assess-scope"],
      rules: [{ when: { verdict: ["fail"] }, goto: "recovery-steps", because: "the table is still empty" }],
      next: { goto: "end", because: "the data is back" },
    },
  ],
});
