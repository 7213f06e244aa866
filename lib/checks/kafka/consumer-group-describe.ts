import { z } from "zod";
import { describeGroup, groupLag, type GroupDescription } from "@/lib/connectors/kafka/groups";
import type { GroupLag } from "@/lib/connectors/kafka/lag";
import { connectorFailure, defineCheck } from "../define-check";
import type { Verdict } from "../types";
import { judgeLag } from "../service/judge";
import { count, groupParam, plural, targetOf } from "./shared";

/**
 * `kafka-consumer-groups.sh --bootstrap-server localhost:9092 --group normalization-group --describe`:
 * the group's state and members, and per partition CURRENT-OFFSET, LOG-END-OFFSET, LAG and
 * the consumer that owns it. Fails on no consumers (state Empty/Dead) or lag at
 * consumerLagFail, warns at consumerLagWarn or while the group rebalances.
 */
export interface ConsumerGroupRow {
  topic: string;
  partition: number;
  /** null: the group has no committed offset (the tool prints "-"); its lag is end − log start */
  currentOffset: number | null;
  logEndOffset: number;
  lag: number;
  /** the member the partition is assigned to; null when none */
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
}

export interface ConsumerGroupData {
  group: string;
  state: string;
  members: GroupDescription["members"];
  rows: ConsumerGroupRow[];
  totalLag: number;
  /** partitions without a committed offset */
  uncommitted: number;
}

export const consumerGroupDescribe = defineCheck({
  id: "kafka.consumer-group-describe",
  system: "kafka",
  title: "Consumer group lag and members",
  runbook: {
    procedure: "data-not-processing",
    purpose: "Check Kafka topic lag",
    command: "kubectl exec -it kafka-0 -n data-processing -- kafka-consumer-groups.sh \\\n  --bootstrap-server localhost:9092 \\\n  --group normalization-group \\\n  --describe",
  },
  params: z.object({ group: groupParam.default("normalization-group") }),
  lab: true,
  async run(context, params) {
    const target = targetOf(context);
    if (!target.ok) return connectorFailure(target.error);
    const description = await describeGroup(target.value, params.group, context.deadlineMs);
    if (!description.ok && description.error.kind === "not_found") {
      return { verdict: "fail", summary: `consumer group ${params.group} does not exist`, data: null };
    }
    if (!description.ok) return connectorFailure(description.error);
    // Like the tool: committed partitions, and assigned ones that never committed.
    const assigned = [...new Set(description.value.members.flatMap((member) => Object.keys(member.assignment)))];
    const lag = await groupLag(target.value, params.group, undefined, Math.max(100, context.deadlineMs - description.ms), assigned);
    if (!lag.ok) return connectorFailure(lag.error);
    const data = rowsOf(description.value, lag.value);
    const { verdict, summary } = judge(data, context.thresholds);
    return { verdict, summary, data };
  },
});

function rowsOf(group: GroupDescription, lag: GroupLag): ConsumerGroupData {
  const owner = new Map<string, GroupDescription["members"][number]>();
  for (const member of group.members) for (const [topic, partitions] of Object.entries(member.assignment)) for (const partition of partitions) owner.set(`${topic}/${partition}`, member);
  const rows = lag.topics.flatMap((topic) =>
    topic.partitions.map((entry) => {
      const member = owner.get(`${entry.topic}/${entry.partition}`);
      return {
        topic: entry.topic,
        partition: entry.partition,
        currentOffset: entry.committed,
        logEndOffset: entry.end,
        lag: entry.lag,
        consumerId: member?.memberId ?? null,
        host: member?.host ?? null,
        clientId: member?.clientId ?? null,
      };
    }),
  );
  return { group: group.group, state: group.state, members: group.members, rows, totalLag: lag.totalLag, uncommitted: lag.uncommitted };
}

export function judge(data: ConsumerGroupData, thresholds: Parameters<typeof judgeLag>[2]): { verdict: Verdict; summary: string } {
  const topics = [...new Set(data.rows.map((row) => row.topic))];
  const unowned = data.members.length ? data.rows.filter((row) => row.consumerId === null).length : 0;
  const parts = [
    `${data.state}`,
    data.members.length ? plural(data.members.length, "member") : "no consumers",
    `lag ${count(data.totalLag)}${topics.length ? ` on ${topics.join(", ")}` : ""} (${plural(data.rows.length, "partition")})`,
    ...(data.uncommitted ? [`${plural(data.uncommitted, "partition")} without a committed offset`] : []),
    ...(unowned ? [`${plural(unowned, "partition")} not assigned`] : []),
  ];
  let verdict: Verdict = "ok";
  if (data.members.length === 0 || data.state === "Empty" || data.state === "Dead") verdict = "fail";
  else if (judgeLag(data.totalLag, null, thresholds).verdict === "fail") verdict = "fail";
  else if (judgeLag(data.totalLag, null, thresholds).verdict === "warn" || data.state !== "Stable" || unowned > 0) verdict = "warn";
  return { verdict, summary: parts.join(", ") };
}
