import { z } from "zod";
import type { CheckContext } from "../types";
import { kafkaTarget, type KafkaTarget } from "@/lib/connectors/kafka/kafka-client";
import { GROUP_ID } from "@/lib/connectors/kafka/groups";
import { TOPIC_NAME } from "@/lib/connectors/kafka/topics";
import type { ConnectorResult } from "@/lib/connectors/result";

/** What the Kafka checks share: the target from the catalog, parameter schemas, number words. */
export function targetOf(context: CheckContext): ConnectorResult<KafkaTarget> {
  return kafkaTarget(context.catalog.systems.kafka, context.env);
}

export const groupParam = z.string().regex(GROUP_ID, { message: "must be a consumer group id such as normalization-group" });
export const topicParam = z.string().regex(TOPIC_NAME, { message: "must be a topic name such as market-data" });

/** 12408 → "12,408" */
export const count = (value: number) => value.toLocaleString("en-US");

/** "1 broker", "3 partitions" */
export const plural = (value: number, word: string) => `${count(value)} ${word}${value === 1 ? "" : "s"}`;

/** 25995922 → "24.8 MiB" */
export function bytes(value: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${unit === 0 ? size : size.toFixed(1)} ${units[unit]}`;
}

/** The groups and topics the catalog's services expect (for "missing" findings). */
export function expectedGroups(context: CheckContext): string[] {
  return [...new Set(context.catalog.services.flatMap((service) => (service.kafka ? [service.kafka.group] : [])))];
}
export function expectedTopics(context: CheckContext): string[] {
  return [...new Set(context.catalog.services.flatMap((service) => service.kafka?.topics ?? []))];
}
