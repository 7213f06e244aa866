import { z } from "zod";
import { describeCluster } from "@/lib/connectors/kafka/cluster";
import { describeLogDirs, type LogDir } from "@/lib/connectors/kafka/log-dirs";
import { describeTopics } from "@/lib/connectors/kafka/topics";
import { connectorFailure, defineCheck } from "../define-check";
import type { Verdict } from "../types";
import { bytes, count, plural, targetOf } from "./shared";

/**
 * `kafka-log-dirs.sh --bootstrap-server localhost:9092 --describe --json`: each broker's log
 * directories, partition sizes on disk, and whether a directory is offline, with every
 * partition's status from metadata (leader, in-sync replicas). kafkajs has no
 * DescribeLogDirs; the connector sends it itself. With SASL configured it cannot, and this
 * check then reports partition status from metadata and offsets only, with sizes unknown
 * (`sizesKnown: false` and said in the summary) — never guessed.
 */
export interface TopicStorage {
  topic: string;
  partitions: number;
  /** bytes on disk across the topic's partitions (all replicas); null when sizes are unknown */
  bytes: number | null;
  /** messages retained (end − start offsets); null when not read */
  messages: number | null;
  underReplicated: number;
  offline: number;
}

export interface LogDirsData {
  sizesKnown: boolean;
  /** why sizes are unknown, when they are */
  sizesUnknownReason: string | null;
  logDirs: LogDir[];
  topics: TopicStorage[];
}

export const logDirs = defineCheck({
  id: "kafka.log-dirs",
  system: "kafka",
  title: "Log directories and partition status",
  runbook: {
    procedure: "consumer-lag",
    purpose: "Check partition status",
    command: "kubectl exec -it kafka-0 -n data-processing -- kafka-log-dirs.sh \\\n  --bootstrap-server localhost:9092 \\\n  --describe --json",
  },
  params: z.object({}),
  lab: true,
  async run(context) {
    const target = targetOf(context);
    if (!target.ok) return connectorFailure(target.error);
    const cluster = await describeCluster(target.value, context.deadlineMs);
    if (!cluster.ok) return connectorFailure(cluster.error);
    const remaining = Math.max(100, context.deadlineMs - cluster.ms);
    const dirs = await describeLogDirs(target.value, cluster.value.brokers, remaining);
    // Without sizes, offsets say at least how much each topic holds.
    const topics = await describeTopics(target.value, Math.max(100, context.deadlineMs - cluster.ms - dirs.ms), { withOffsets: !dirs.ok });
    if (!topics.ok) return connectorFailure(topics.error);
    if (!dirs.ok && dirs.error.kind !== "not_configured") return connectorFailure(dirs.error);

    const logDirList = dirs.ok ? dirs.value : [];
    const data: LogDirsData = {
      sizesKnown: dirs.ok,
      sizesUnknownReason: dirs.ok ? null : dirs.error.message,
      logDirs: logDirList,
      topics: topics.value.map((topic) => ({
        topic: topic.topic,
        partitions: topic.partitions.length,
        bytes: dirs.ok ? logDirList.flatMap((dir) => dir.partitions).filter((entry) => entry.topic === topic.topic && !entry.isFuture).reduce((sum, entry) => sum + entry.size, 0) : null,
        messages: topic.messages,
        underReplicated: topic.underReplicated,
        offline: topic.offline,
      })),
    };
    return { ...judgeLogDirs(data, cluster.value.brokers.length), data };
  },
});

export function judgeLogDirs(data: LogDirsData, brokers: number): { verdict: Verdict; summary: string } {
  const partitions = data.topics.reduce((sum, topic) => sum + topic.partitions, 0);
  const offline = data.topics.reduce((sum, topic) => sum + topic.offline, 0);
  const underReplicated = data.topics.reduce((sum, topic) => sum + topic.underReplicated, 0);
  const failedDirs = data.logDirs.filter((dir) => dir.error);
  const parts: string[] = [];
  if (data.sizesKnown) {
    const total = data.logDirs.reduce((sum, dir) => sum + dir.size, 0);
    parts.push(`${plural(data.logDirs.length, "log dir")} on ${plural(brokers, "broker")}, ${bytes(total)}`);
    const largest = [...data.topics].sort((a, b) => (b.bytes ?? 0) - (a.bytes ?? 0))[0];
    if (largest?.bytes) parts.push(`largest ${largest.topic} ${bytes(largest.bytes)}`);
    for (const dir of failedDirs) parts.push(`broker ${dir.broker} ${dir.path}: ${dir.error}`);
  } else {
    const messages = data.topics.reduce((sum, topic) => sum + (topic.messages ?? 0), 0);
    parts.push(`sizes unknown (${data.sizesUnknownReason}); ${count(messages)} messages retained`);
  }
  parts.push(`${plural(data.topics.length, "topic")}, ${plural(partitions, "partition")}`);
  if (offline) parts.push(`${plural(offline, "partition")} offline`);
  if (underReplicated) parts.push(`${plural(underReplicated, "partition")} under-replicated`);
  if (!offline && !underReplicated) parts.push("all led and in sync");
  const verdict: Verdict = failedDirs.length || offline ? "fail" : underReplicated ? "warn" : "ok";
  return { verdict, summary: parts.join(", ") };
}
