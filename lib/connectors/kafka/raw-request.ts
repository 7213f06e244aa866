import { connect as tcpConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import type { KafkaTarget } from "./kafka-client";

/**
 * One Kafka protocol request on its own short-lived connection to one broker, for the two
 * requests kafkajs does not expose: DescribeLogDirs (`kafka-log-dirs.sh`) and a per-broker
 * ApiVersions (`kafka-broker-api-versions.sh`). Plaintext or TLS like the admin; no SASL
 * (ApiVersions is answered before authentication; DescribeLogDirs is not, see log-dirs.ts).
 * Request header v1, response header v0: both requests are sent in non-flexible versions.
 */
export interface BrokerAddress {
  nodeId: number;
  host: string;
  port: number;
}

const MAX_RESPONSE = 32 * 1024 * 1024;

/** Size, header v1 (api key, version, correlation id, client id), then the body. */
export function frameRequest(apiKey: number, apiVersion: number, correlationId: number, clientId: string, body: Buffer): Buffer {
  const client = Buffer.from(clientId.slice(0, 200), "utf8");
  const header = Buffer.alloc(2 + 2 + 4 + 2 + client.length);
  let at = header.writeInt16BE(apiKey, 0);
  at = header.writeInt16BE(apiVersion, at);
  at = header.writeInt32BE(correlationId, at);
  at = header.writeInt16BE(client.length, at);
  client.copy(header, at);
  const size = Buffer.alloc(4);
  size.writeInt32BE(header.length + body.length, 0);
  return Buffer.concat([size, header, body]);
}

/** Sends the request and resolves with the response body (after size and correlation id). The socket is closed when the signal fires. */
export function sendRequest(target: KafkaTarget, broker: BrokerAddress, request: { apiKey: number; apiVersion: number; body: Buffer }, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error("deadline"));
    const socket: Socket = target.ssl
      ? tlsConnect({ host: broker.host, port: broker.port, servername: /^[\d.]+$|:/.test(broker.host) ? undefined : broker.host })
      : tcpConnect({ host: broker.host, port: broker.port });
    const correlationId = Math.floor(Math.random() * 0x7fffffff);
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const finish = (error: Error | null, value?: Buffer) => {
      if (done) return;
      done = true;
      signal.removeEventListener("abort", onAbort);
      socket.destroy();
      if (error) reject(error);
      else resolve(value!);
    };
    const onAbort = () => finish(new Error("deadline"));
    signal.addEventListener("abort", onAbort, { once: true });
    socket.once(target.ssl ? "secureConnect" : "connect", () => socket.write(frameRequest(request.apiKey, request.apiVersion, correlationId, target.clientId, request.body)));
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received < 4) return;
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      chunks.splice(0, chunks.length, all);
      const size = all.readInt32BE(0);
      if (size < 4 || size > MAX_RESPONSE) return finish(new Error("unexpected response size from the broker"));
      if (received < 4 + size) return;
      if (all.readInt32BE(4) !== correlationId) return finish(new Error("unexpected correlation id from the broker"));
      finish(null, all.subarray(8, 4 + size));
    });
    socket.on("error", (error) => finish(error));
    socket.on("close", () => finish(Object.assign(new Error("Connection closed by the server"), { code: "ECONNRESET" })));
  });
}

/** A bounds-checked reader for response bodies. */
export class Reader {
  private at = 0;
  constructor(private readonly buffer: Buffer) {}
  private need(bytes: number) {
    if (this.at + bytes > this.buffer.length) throw new Error("truncated response from the broker");
  }
  int8() {
    this.need(1);
    return this.buffer.readInt8((this.at += 1) - 1);
  }
  int16() {
    this.need(2);
    return this.buffer.readInt16BE((this.at += 2) - 2);
  }
  int32() {
    this.need(4);
    return this.buffer.readInt32BE((this.at += 4) - 4);
  }
  int64() {
    this.need(8);
    return Number(this.buffer.readBigInt64BE((this.at += 8) - 8));
  }
  string() {
    const length = this.int16();
    if (length < 0) return "";
    this.need(length);
    return this.buffer.toString("utf8", this.at, (this.at += length));
  }
  /** an array length; null arrays are empty; absurd lengths are refused */
  count(max = 100_000) {
    const n = this.int32();
    if (n < 0) return 0;
    if (n > max) throw new Error("response from the broker too large");
    return n;
  }
}
