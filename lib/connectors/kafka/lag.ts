/**
 * Consumer lag arithmetic, as `kafka-consumer-groups.sh --describe` prints it per partition:
 * LAG = LOG-END-OFFSET − CURRENT-OFFSET. Pure: the offsets come from kafkajs
 * (admin.fetchOffsets for the group's commits, admin.fetchTopicOffsets for the log's ends).
 *
 * A partition the group has never committed (kafkajs gives offset "-1"; the Kafka tool
 * prints "-") is counted as lagging by everything still in the log (end − log start):
 * what the group would have to read when it starts from the earliest offset. It is marked
 * `committed: null` so a panel can say "no committed offset" rather than pretend.
 */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** the group's committed offset; null when it has none */
  committed: number | null;
  /** the high watermark (LOG-END-OFFSET) */
  end: number;
  /** the log start offset (first offset still retained) */
  start: number;
  lag: number;
}

export interface TopicLag {
  topic: string;
  partitions: PartitionLag[];
  lag: number;
}

export interface GroupLag {
  group: string;
  topics: TopicLag[];
  totalLag: number;
  partitions: number;
  /** partitions without a committed offset (their lag is end − start) */
  uncommitted: number;
}

/** Offsets as kafkajs returns them: decimal strings, "-1" for none. */
export interface CommittedOffsets {
  topic: string;
  partitions: Array<{ partition: number; offset: string }>;
}
export interface TopicOffsets {
  topic: string;
  partitions: Array<{ partition: number; high: string; low: string }>;
}

function offset(text: string | undefined): number | null {
  if (text === undefined || text === "") return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** One partition's lag, as the Kafka tool computes it (end − committed); never negative (a commit can race ahead of a stale end offset). */
export function partitionLag(topic: string, partition: number, committed: string | undefined, high: string | undefined, low: string | undefined): PartitionLag {
  const end = offset(high) ?? 0;
  const start = Math.min(offset(low) ?? 0, end);
  const current = offset(committed);
  const lag = current === null ? end - start : Math.max(0, end - current);
  return { topic, partition, committed: current, end, start, lag };
}

/**
 * The group's lag on each topic: every partition of the topic (from its end offsets), with
 * the group's commit when there is one.
 */
export function groupLag(group: string, committed: CommittedOffsets[], ends: TopicOffsets[]): GroupLag {
  const topics: TopicLag[] = ends.map(({ topic, partitions }) => {
    const commits = new Map((committed.find((entry) => entry.topic === topic)?.partitions ?? []).map((entry) => [entry.partition, entry.offset]));
    const lags = [...partitions]
      .sort((a, b) => a.partition - b.partition)
      .map((entry) => partitionLag(topic, entry.partition, commits.get(entry.partition), entry.high, entry.low));
    return { topic, partitions: lags, lag: lags.reduce((sum, entry) => sum + entry.lag, 0) };
  });
  const all = topics.flatMap((topic) => topic.partitions);
  return {
    group,
    topics,
    totalLag: topics.reduce((sum, topic) => sum + topic.lag, 0),
    partitions: all.length,
    uncommitted: all.filter((entry) => entry.committed === null).length,
  };
}
