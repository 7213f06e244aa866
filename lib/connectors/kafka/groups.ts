import { AssignerProtocol, type Admin } from "kafkajs";
import { withAdmin, printable, type KafkaTarget } from "./kafka-client";
import { groupLag as computeLag, type GroupLag } from "./lag";
import type { ConnectorResult } from "../result";

/**
 * Consumer groups, as `kafka-consumer-groups.sh --list` and
 * `kafka-consumer-groups.sh --group <group> --describe` show them: the groups, a group's
 * state and members with their assigned partitions, and its lag per partition.
 */
export interface GroupOverview {
  group: string;
  /** "consumer" for Kafka consumers; "connect", "" (simple/offset-only groups)… */
  protocolType: string;
}

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  /** topic → partitions, decoded from the consumer protocol's assignment; empty when not a consumer group */
  assignment: Record<string, number[]>;
}

export interface GroupDescription {
  group: string;
  /** Stable, Empty, PreparingRebalance, CompletingRebalance, Dead, Unknown */
  state: string;
  protocolType: string;
  /** the partition assignor, e.g. "range", "RoundRobinAssigner" */
  protocol: string;
  members: GroupMember[];
}

/** Consumer group ids as parameters accept them. */
export const GROUP_ID = /^[A-Za-z0-9._-]{1,255}$/;

/** `kafka-consumer-groups.sh --list` */
export function listGroups(target: KafkaTarget, deadlineMs: number): Promise<ConnectorResult<GroupOverview[]>> {
  return withAdmin(target, deadlineMs, async (admin) => {
    const { groups } = await admin.listGroups();
    return groups.map((group) => ({ group: printable(group.groupId), protocolType: printable(group.protocolType ?? "", 64) })).sort((a, b) => a.group.localeCompare(b.group));
  });
}

function decodeAssignment(buffer: Buffer | undefined): Record<string, number[]> {
  if (!buffer?.length) return {};
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(buffer);
    if (!decoded) return {};
    return Object.fromEntries(
      Object.entries(decoded.assignment)
        .slice(0, 1_000)
        .map(([topic, partitions]) => [printable(topic, 249), [...partitions].sort((a, b) => a - b)]),
    );
  } catch {
    return {};
  }
}

/** `kafka-consumer-groups.sh --group <group> --describe --members`; not_found for a group the coordinator does not know (state Dead). */
export async function describeGroup(target: KafkaTarget, group: string, deadlineMs: number): Promise<ConnectorResult<GroupDescription>> {
  const result = await withAdmin(target, deadlineMs, async (admin) => {
    const { groups } = await admin.describeGroups([group]);
    return groups[0];
  });
  if (!result.ok) return result;
  const found = result.value;
  if (!found || (found.state === "Dead" && found.members.length === 0)) return { ok: false, error: { kind: "not_found", message: "no such consumer group" }, ms: result.ms };
  return {
    ok: true,
    ms: result.ms,
    value: {
      group: printable(found.groupId),
      state: printable(found.state, 32),
      protocolType: printable(found.protocolType ?? "", 64),
      protocol: printable(found.protocol ?? "", 64),
      members: found.members
        .map((member) => ({
          memberId: printable(member.memberId),
          clientId: printable(member.clientId),
          host: printable(member.clientHost.replace(/^\//, "")),
          assignment: found.protocolType === "consumer" ? decodeAssignment(member.memberAssignment) : {},
        }))
        .sort((a, b) => a.clientId.localeCompare(b.clientId) || a.memberId.localeCompare(b.memberId)),
    },
  };
}

async function lagWith(admin: Admin, group: string, topics: string[] | undefined, alsoTopics: string[]): Promise<GroupLag> {
  const named = topics?.length ? [...new Set([...topics, ...alsoTopics])] : null;
  const committed = await admin.fetchOffsets(named ? { groupId: group, topics: named } : { groupId: group });
  const names = named ?? [...new Set([...committed.map((entry) => entry.topic), ...alsoTopics])].sort();
  const ends = await Promise.all(names.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })));
  const lag = computeLag(group, committed, ends);
  return { ...lag, group: printable(lag.group), topics: lag.topics.map((topic) => ({ ...topic, topic: printable(topic.topic, 249), partitions: topic.partitions.map((entry) => ({ ...entry, topic: printable(entry.topic, 249) })) })) };
}

/**
 * The LAG columns of `kafka-consumer-groups.sh --group <group> --describe`: per topic and
 * partition the committed offset, the end offset and the lag, with totals. `topics`
 * defaults to the topics the group has committed offsets for; `alsoTopics` (e.g. the
 * topics its members are assigned) are added, so a partition never committed still shows.
 */
export function groupLag(target: KafkaTarget, group: string, topics: string[] | undefined, deadlineMs: number, alsoTopics: string[] = []): Promise<ConnectorResult<GroupLag>> {
  return withAdmin(target, deadlineMs, (admin) => lagWith(admin, group, topics, alsoTopics));
}
