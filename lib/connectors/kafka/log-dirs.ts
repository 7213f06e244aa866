import { connect as tcpConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { failure, withDeadline, type ConnectorResult } from "../result";
import { classifyKafkaError, printable, type KafkaTarget } from "./kafka-client";

/**
 * `kafka-log-dirs.sh --bootstrap-server localhost:9092 --describe --json`: each broker's log
 * directories with the size of every partition in them. kafkajs has no DescribeLogDirs, so
 * this sends the request itself (API key 35, version 1 — supported from Kafka 1.1 to 4.x)
 * on its own connection to each broker, plaintext or TLS like the admin.
 *
 * SASL is not spoken here: with `systems.kafka.sasl` set this answers `not_configured`
 * ("log dir sizes need DescribeLogDirs without SASL"), and the check falls back to what
 * metadata and offsets say, with sizes unknown.
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

const API_KEY = 35;
const API_VERSION = 1;
const MAX_RESPONSE = 32 * 1024 * 1024;
const MAX_PARTITIONS = 100_000;
const ERRORS: Record<number, string> = { 0: "", 29: "CLUSTER_AUTHORIZATION_FAILED", 56: "KAFKA_STORAGE_ERROR", 57: "LOG_DIR_NOT_FOUND" };

/** The request: header v1 (api key, version, correlation id, client id), then `topics: null` (all). */
export function encodeRequest(correlationId: number, clientId: string): Buffer {
  const client = Buffer.from(clientId.slice(0, 200), "utf8");
  const body = Buffer.alloc(2 + 2 + 4 + 2 + client.length + 4);
  let at = body.writeInt16BE(API_KEY, 0);
  at = body.writeInt16BE(API_VERSION, at);
  at = body.writeInt32BE(correlationId, at);
  at = body.writeInt16BE(client.length, at);
  at += client.copy(body, at);
  body.writeInt32BE(-1, at);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}

/** Parses a DescribeLogDirs v1 response body (after the size and correlation id). Throws on malformed input. */
export function decodeResponse(broker: number, buffer: Buffer): LogDir[] {
  let at = 0;
  const need = (bytes: number) => {
    if (at + bytes > buffer.length) throw new Error("truncated DescribeLogDirs response");
  };
  const int16 = () => (need(2), (at += 2), buffer.readInt16BE(at - 2));
  const int32 = () => (need(4), (at += 4), buffer.readInt32BE(at - 4));
  const int64 = () => (need(8), (at += 8), Number(buffer.readBigInt64BE(at - 8)));
  const int8 = () => (need(1), (at += 1), buffer.readInt8(at - 1));
  const string = () => {
    const length = int16();
    if (length < 0) return "";
    need(length);
    at += length;
    return buffer.toString("utf8", at - length, at);
  };
  const count = () => {
    const n = int32();
    if (n < 0) return 0;
    if (n > MAX_PARTITIONS) throw new Error("DescribeLogDirs response too large");
    return n;
  };

  int32(); // throttle_time_ms
  const dirs: LogDir[] = [];
  for (let d = count(); d > 0; d--) {
    const code = int16();
    const path = printable(string(), 512);
    const partitions: LogDirPartition[] = [];
    for (let t = count(); t > 0; t--) {
      const topic = printable(string(), 249);
      for (let p = count(); p > 0; p--) {
        const partition = int32();
        const size = int64();
        const offsetLag = int64();
        const isFuture = int8() !== 0;
        if (partitions.length < MAX_PARTITIONS) partitions.push({ topic, partition, size, offsetLag, isFuture });
      }
    }
    partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    dirs.push({ broker, path, error: code === 0 ? null : (ERRORS[code] ?? `error ${code}`), size: partitions.reduce((sum, entry) => sum + entry.size, 0), partitions });
  }
  return dirs;
}

/** Sends the request to one broker and reads the one response. */
function askBroker(target: KafkaTarget, broker: { nodeId: number; host: string; port: number }, signal: AbortSignal): Promise<LogDir[]> {
  return new Promise((resolve, reject) => {
    const socket: Socket = target.ssl
      ? tlsConnect({ host: broker.host, port: broker.port, servername: /^[\d.]+$|:/.test(broker.host) ? undefined : broker.host })
      : tcpConnect({ host: broker.host, port: broker.port });
    const correlationId = Math.floor(Math.random() * 0x7fffffff);
    let received = Buffer.alloc(0);
    const finish = (error: Error | null, value?: LogDir[]) => {
      signal.removeEventListener("abort", onAbort);
      socket.destroy();
      if (error) reject(error);
      else resolve(value!);
    };
    const onAbort = () => finish(new Error("deadline"));
    signal.addEventListener("abort", onAbort, { once: true });
    socket.once(target.ssl ? "secureConnect" : "connect", () => socket.write(encodeRequest(correlationId, target.clientId)));
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      const size = received.readInt32BE(0);
      if (size < 4 || size > MAX_RESPONSE) return finish(new Error("unexpected DescribeLogDirs response size"));
      if (received.length < 4 + size) return;
      if (received.readInt32BE(4) !== correlationId) return finish(new Error("unexpected DescribeLogDirs correlation id"));
      try {
        finish(null, decodeResponse(broker.nodeId, received.subarray(8, 4 + size)));
      } catch (error) {
        finish(error as Error);
      }
    });
    socket.on("error", (error) => finish(error));
    socket.on("close", () => finish(new Error("Connection closed by the server")));
  });
}

/** Every broker's log dirs (brokers as describeCluster returned them). */
export async function describeLogDirs(
  target: KafkaTarget,
  brokers: Array<{ nodeId: number; host: string; port: number }>,
  deadlineMs: number,
): Promise<ConnectorResult<LogDir[]>> {
  if (target.sasl) return failure("not_configured", "log dir sizes need DescribeLogDirs, which the console sends only without SASL");
  return withDeadline(
    deadlineMs,
    async (signal) => (await Promise.all(brokers.map((broker) => askBroker(target, broker, signal)))).flat(),
    (error) => classifyKafkaError(error, target),
  );
}
