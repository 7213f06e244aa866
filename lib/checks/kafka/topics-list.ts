import { z } from "zod";
import { describeTopics } from "@/lib/connectors/kafka/topics";
import { connectorFailure, defineCheck } from "../define-check";
import type { Verdict } from "../types";
import { expectedTopics, plural, targetOf } from "./shared";

/**
 * `kafka-topics.sh --bootstrap-server localhost:9092 --list` as the runbook's "Check cluster
 * health": the topics, and from the same metadata request whether every partition has a
 * leader and all its replicas in sync. Fails on offline partitions, warns on
 * under-replicated ones or a topic the catalog's services use that does not exist.
 */
export const topicsList = defineCheck({
  id: "kafka.topics-list",
  system: "kafka",
  title: "Topics and cluster health",
  runbook: {
    procedure: "broker-issues",
    purpose: "Check cluster health",
    command: "kubectl exec -it kafka-0 -n data-processing -- kafka-topics.sh \\\n  --bootstrap-server localhost:9092 \\\n  --list",
  },
  params: z.object({}),
  lab: true,
  async run(context) {
    const target = targetOf(context);
    if (!target.ok) return connectorFailure(target.error);
    const result = await describeTopics(target.value, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    const topics = result.value.map((topic) => ({ topic: topic.topic, partitions: topic.partitions.length, replicationFactor: topic.replicationFactor, underReplicated: topic.underReplicated, offline: topic.offline }));
    const names = new Set(topics.map((topic) => topic.topic));
    const missing = expectedTopics(context).filter((topic) => !names.has(topic));
    const partitions = topics.reduce((sum, topic) => sum + topic.partitions, 0);
    const offline = topics.reduce((sum, topic) => sum + topic.offline, 0);
    const underReplicated = topics.reduce((sum, topic) => sum + topic.underReplicated, 0);
    const shown = topics.slice(0, 5).map((topic) => topic.topic).join(", ");
    const parts = [`${plural(topics.length, "topic")}${topics.length ? ` (${shown}${topics.length > 5 ? ", …" : ""})` : ""}, ${plural(partitions, "partition")}`];
    if (offline) parts.push(`${plural(offline, "partition")} offline`);
    if (underReplicated) parts.push(`${plural(underReplicated, "partition")} under-replicated`);
    if (!offline && !underReplicated) parts.push("all led and in sync");
    for (const topic of missing) parts.push(`${topic} missing`);
    const verdict: Verdict = offline ? "fail" : underReplicated || missing.length ? "warn" : "ok";
    return { verdict, summary: parts.join(", "), data: { topics, missing } };
  },
});
