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
      meaning: { ok: "market_ticks still holds rows: compare with the expected count.", warn: "The table answers unusually.", fail: "market_ticks is empty." },
    },
    {
      id: "replay-position",
      inRunbook: false,
      title: "Where the consumers stand (replay from here)",
      kind: "check",
      check: "kafka.consumer-group-describe",
      params: { group: "normalization-group" },
      command: "kubectl exec -it kafka-0 -n data-processing -- kafka-consumer-groups.sh \\\n  --bootstrap-server localhost:9092 \\\n  --group normalization-group \\\n  --describe",
      meaning: { ok: "Committed offsets are current: replay starts from the loss window.", warn: "The group lags: data not yet processed is still in Kafka.", fail: "The group is empty or far behind." },
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
