/**
 * A kafkajs client whose own log lines go through the service logger, so broker trouble
 * (broker-down fault) shows up as ERROR lines in the pod's logs.
 */
import { Kafka, logLevel, type LogEntry } from "kafkajs";
import { KAFKA_BROKERS } from "../../core/paths.ts";
import type { Logger } from "./log.ts";

export function createKafka(clientId: string, log: Logger): Kafka {
  return new Kafka({
    clientId,
    brokers: KAFKA_BROKERS,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    // keep retrying while the broker is down; the consumer restarts itself after a crash
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator: () => ({ level, log: entry }: LogEntry) => {
      const { message, ...fields } = entry;
      const text = `kafka: ${message}`;
      const extra = { broker: fields.broker, error: fields.error, groupId: fields.groupId };
      if (level === logLevel.ERROR || level === logLevel.NOTHING) log.error(text, extra);
      else if (level === logLevel.WARN) log.warn(text, extra);
      else log.debug(text, extra);
    },
  });
}
