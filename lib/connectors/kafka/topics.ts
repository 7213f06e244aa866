import type { Admin, PartitionMetadata } from "kafkajs";
import { withAdmin, printable, type KafkaTarget } from "./kafka-client";
import type { ConnectorResult } from "../result";

/**
 * Topics and their partitions, as `kafka-topics.sh --list` and
 * `kafka-topics.sh --describe --topic <topic>` show them (Leader, Replicas, Isr), with the
 * partitions' start and end offsets (`kafka-get-offsets.sh`).
 */
export interface PartitionDescription {
  partition: number;
  /** -1 when the partition has no leader (offline) */
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  /** fewer in-sync replicas than replicas */
  underReplicated: boolean;
  /** no leader: nobody can read or write it */
  offline: boolean;
  /** log start offset and high watermark; null when the leader could not be asked */
  start: number | null;
  end: number | null;
}

export interface TopicDescription {
  topic: string;
  partitions: PartitionDescription[];
  replicationFactor: number;
  underReplicated: number;
  offline: number;
  /** messages currently retained (sum of end − start); null when offsets are unknown */
  messages: number | null;
}

/** Topic names as Kafka allows them (also what parameters are validated with). */
export const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/** `kafka-topics.sh --list` (internal topics such as __consumer_offsets left out, as the tool does by default). */
export function listTopics(target: KafkaTarget, deadlineMs: number): Promise<ConnectorResult<string[]>> {
  return withAdmin(target, deadlineMs, async (admin) => {
    const topics = await admin.listTopics();
    return topics.filter((topic) => !topic.startsWith("__")).map((topic) => printable(topic, 249)).sort();
  });
}

export function summarizePartition(metadata: PartitionMetadata, offsets?: { high: string; low: string }): PartitionDescription {
  const replicas = metadata.replicas ?? [];
  const isr = metadata.isr ?? [];
  const end = offsets ? Number(offsets.high) : NaN;
  const start = offsets ? Number(offsets.low) : NaN;
  return {
    partition: metadata.partitionId,
    leader: metadata.leader,
    replicas,
    isr,
    offlineReplicas: metadata.offlineReplicas ?? [],
    underReplicated: isr.length < replicas.length,
    offline: metadata.leader < 0,
    start: Number.isFinite(start) ? start : null,
    end: Number.isFinite(end) ? end : null,
  };
}

async function describeWith(admin: Admin, topics: string[], withOffsets: boolean): Promise<TopicDescription[]> {
  const { topics: metadata } = await admin.fetchTopicMetadata(topics.length ? { topics } : undefined);
  return Promise.all(
    metadata
      .filter((topic) => !topic.name.startsWith("__"))
      .map(async (topic) => {
        // End offsets need every partition's leader; with one offline they are left unknown.
        const leaderless = topic.partitions.some((partition) => partition.leader < 0);
        const offsets = withOffsets && !leaderless ? await admin.fetchTopicOffsets(topic.name) : [];
        const partitions = [...topic.partitions]
          .sort((a, b) => a.partitionId - b.partitionId)
          .map((partition) => summarizePartition(partition, offsets.find((entry) => entry.partition === partition.partitionId)));
        const known = partitions.every((partition) => partition.end !== null && partition.start !== null);
        return {
          topic: printable(topic.name, 249),
          partitions,
          replicationFactor: Math.max(0, ...partitions.map((partition) => partition.replicas.length)),
          underReplicated: partitions.filter((partition) => partition.underReplicated).length,
          offline: partitions.filter((partition) => partition.offline).length,
          messages: known ? partitions.reduce((sum, partition) => sum + (partition.end! - partition.start!), 0) : null,
        };
      }),
  ).then((described) => described.sort((a, b) => a.topic.localeCompare(b.topic)));
}

/** `kafka-topics.sh --describe --topic <topic>`; not_found when the topic does not exist. */
export async function describeTopic(target: KafkaTarget, topic: string, deadlineMs: number): Promise<ConnectorResult<TopicDescription>> {
  const result = await withAdmin(target, deadlineMs, (admin) => describeWith(admin, [topic], true));
  if (!result.ok) return result;
  const found = result.value[0];
  if (!found) return { ok: false, error: { kind: "not_found", message: "no such topic" }, ms: result.ms };
  return { ok: true, value: found, ms: result.ms };
}

/** `kafka-topics.sh --describe` for every topic (metadata only unless `withOffsets`). */
export function describeTopics(target: KafkaTarget, deadlineMs: number, options: { withOffsets?: boolean } = {}): Promise<ConnectorResult<TopicDescription[]>> {
  return withAdmin(target, deadlineMs, (admin) => describeWith(admin, [], options.withOffsets ?? false));
}
