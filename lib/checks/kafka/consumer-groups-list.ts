import { z } from "zod";
import { listGroups, type GroupOverview } from "@/lib/connectors/kafka/groups";
import { connectorFailure, defineCheck } from "../define-check";
import { expectedGroups, plural, targetOf } from "./shared";

/**
 * `kafka-consumer-groups.sh --bootstrap-server localhost:9092 --list`: every consumer group
 * the brokers know. Warns when a group the catalog's services consume with is missing (its
 * consumers never joined, or the group expired).
 */
export const consumerGroupsList = defineCheck({
  id: "kafka.consumer-groups-list",
  system: "kafka",
  title: "Consumer groups",
  runbook: {
    procedure: "consumer-lag",
    purpose: "Check consumer groups",
    command: "kubectl exec -it kafka-0 -n data-processing -- kafka-consumer-groups.sh \\\n  --bootstrap-server localhost:9092 \\\n  --list",
  },
  params: z.object({}),
  lab: true,
  async run(context) {
    const target = targetOf(context);
    if (!target.ok) return connectorFailure(target.error);
    const result = await listGroups(target.value, context.deadlineMs);
    if (!result.ok) return connectorFailure(result.error);
    const groups: GroupOverview[] = result.value;
    const names = new Set(groups.map((group) => group.group));
    const missing = expectedGroups(context).filter((group) => !names.has(group));
    const shown = groups.slice(0, 5).map((group) => group.group).join(", ");
    const summary = [`${plural(groups.length, "group")}${groups.length ? `: ${shown}${groups.length > 5 ? ", …" : ""}` : ""}`, ...missing.map((group) => `${group} missing`)].join("; ");
    return { verdict: missing.length ? "warn" : "ok", summary, data: { groups, missing } };
  },
});
