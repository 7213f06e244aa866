import { z } from "zod";
import { describeTopic, type TopicDescription } from "@/lib/connectors/kafka/topics";
import { connectorFailure, defineCheck } from "../define-check";
import type { Verdict } from "../types";
import { count, plural, targetOf, topicParam } from "./shared";

/**
 * `kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic market-data`: the
 * topic's partitions with Leader, Replicas and Isr (and their offsets). Fails when a
 * partition has no leader (offline) or the topic does not exist; warns when one is
 * under-replicated (fewer in-sync replicas than replicas).
 */
export const topicDescribe = defineCheck({
  id: "kafka.topic-describe",
  system: "kafka",
  title: "Topic partitions, leaders and replicas",
  runbook: {
    procedure: "consumer-lag",
    purpose: "Check topic details",
    command: "kubectl exec -it kafka-0 -n data-processing -- kafka-topics.sh \\\n  --bootstrap-server localhost:9092 \\\n  --describe --topic market-data",
  },
  params: z.object({ topic: topicParam.default("market-data") }),
  lab: true,
  async run(context, params) {
    const target = targetOf(context);
    if (!target.ok) return connectorFailure(target.error);
    const result = await describeTopic(target.value, params.topic, context.deadlineMs);
    if (!result.ok && result.error.kind === "not_found") return { verdict: "fail", summary: `topic ${params.topic} does not exist`, data: null };
    if (!result.ok) return connectorFailure(result.error);
    return { ...judgeTopic(result.value), data: result.value };
  },
});

export function judgeTopic(topic: TopicDescription): { verdict: Verdict; summary: string } {
  const leaders = [...new Set(topic.partitions.filter((partition) => !partition.offline).map((partition) => partition.leader))].sort((a, b) => a - b);
  const parts = [`${plural(topic.partitions.length, "partition")}, replication factor ${topic.replicationFactor}`];
  if (topic.offline) parts.push(`${plural(topic.offline, "partition")} offline (no leader)`);
  if (topic.underReplicated) parts.push(`${plural(topic.underReplicated, "partition")} under-replicated`);
  if (!topic.offline && !topic.underReplicated) parts.push("all in sync");
  if (leaders.length) parts.push(`${leaders.length === 1 ? "leader" : "leaders"}: broker ${leaders.join(", ")}`);
  if (topic.messages !== null) parts.push(`${count(topic.messages)} messages retained`);
  const verdict: Verdict = topic.partitions.length === 0 || topic.offline ? "fail" : topic.underReplicated ? "warn" : "ok";
  return { verdict, summary: parts.join(", ") };
}
