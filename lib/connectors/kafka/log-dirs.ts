import { failure, withDeadline, type ConnectorResult } from "../result";
import { classifyKafkaError, printable, type KafkaTarget } from "./kafka-client";
import { Reader, sendRequest, type BrokerAddress } from "./raw-request";

/**
 * `kafka-log-dirs.sh --bootstrap-server localhost:9092 --describe --json`: each broker's log
 * directories with the size of every partition in them. kafkajs has no DescribeLogDirs, so
 * this sends the request itself (API key 35, version 1 — supported from Kafka 1.1 to 4.x)
 * on its own connection to each broker, plaintext or TLS like the admin.
 *
 * SASL is not spoken here: with `systems.kafka.sasl` set this answers `not_configured`,
 * and the check falls back to what metadata and offsets say, with sizes unknown.
 */
export interface LogDirPartition {
  topic: string;
  partition: number;
  /** bytes on disk */
  size: number;
  /** how far a future replica (a move between dirs) lags; 0 normally */
  offsetLag: number;
  isFuture: boolean;
}

export interface LogDir {
  broker: number;
  path: string;
  /** null, or the Kafka error name, e.g. KAFKA_STORAGE_ERROR for an offline directory */
  error: string | null;
  size: number;
  partitions: LogDirPartition[];
}

const DESCRIBE_LOG_DIRS = { apiKey: 35, apiVersion: 1 };
const MAX_PARTITIONS = 100_000;
const ERRORS: Record<number, string> = { 29: "CLUSTER_AUTHORIZATION_FAILED", 56: "KAFKA_STORAGE_ERROR", 57: "LOG_DIR_NOT_FOUND" };

/** The body: `topics: null` (every topic). */
export function encodeBody(): Buffer {
  const body = Buffer.alloc(4);
  body.writeInt32BE(-1, 0);
  return body;
}

/** Parses a DescribeLogDirs v1 response body (after the size and correlation id). Throws on malformed input. */
export function decodeResponse(broker: number, buffer: Buffer): LogDir[] {
  const reader = new Reader(buffer);
  reader.int32(); // throttle_time_ms
  const dirs: LogDir[] = [];
  for (let d = reader.count(); d > 0; d--) {
    const code = reader.int16();
    const path = printable(reader.string(), 512);
    const partitions: LogDirPartition[] = [];
    for (let t = reader.count(); t > 0; t--) {
      const topic = printable(reader.string(), 249);
      for (let p = reader.count(); p > 0; p--) {
        const partition = reader.int32();
        const size = reader.int64();
        const offsetLag = reader.int64();
        const isFuture = reader.int8() !== 0;
        if (partitions.length < MAX_PARTITIONS) partitions.push({ topic, partition, size, offsetLag, isFuture });
      }
    }
    partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    dirs.push({ broker, path, error: code === 0 ? null : (ERRORS[code] ?? `error ${code}`), size: partitions.reduce((sum, entry) => sum + entry.size, 0), partitions });
  }
  return dirs;
}

/** Every broker's log dirs (brokers as describeCluster returned them). */
export async function describeLogDirs(target: KafkaTarget, brokers: BrokerAddress[], deadlineMs: number): Promise<ConnectorResult<LogDir[]>> {
  if (target.sasl) return failure("not_configured", "log dir sizes need DescribeLogDirs, which the console sends only without SASL");
  return withDeadline(
    deadlineMs,
    async (signal) => {
      const answers = await Promise.all(brokers.map(async (broker) => decodeResponse(broker.nodeId, await sendRequest(target, broker, { ...DESCRIBE_LOG_DIRS, body: encodeBody() }, signal))));
      return answers.flat();
    },
    (error) => classifyKafkaError(error, target),
  );
}
