import { withDeadline, type ConnectorResult } from "../result";
import { classifyKafkaError, type KafkaTarget } from "./kafka-client";
import { Reader, sendRequest, type BrokerAddress } from "./raw-request";

/**
 * `kafka-broker-api-versions.sh --bootstrap-server localhost:9092`: asks each broker for the
 * API versions it supports (ApiVersions v0, answered before any authentication), on its own
 * connection, so every broker is tried — not only the one kafkajs happens to talk to.
 */
export interface BrokerApiVersions {
  nodeId: number;
  address: string;
  /** APIs the broker supports, by key: [min, max] version */
  apis: Array<{ apiKey: number; minVersion: number; maxVersion: number }>;
}

const API_VERSIONS = { apiKey: 18, apiVersion: 0 };

/** Parses an ApiVersions v0 response body; a non-zero error code is an error. */
export function decodeApiVersions(buffer: Buffer): BrokerApiVersions["apis"] {
  const reader = new Reader(buffer);
  const code = reader.int16();
  if (code !== 0) throw new Error(`ApiVersions error ${code}`);
  const apis: BrokerApiVersions["apis"] = [];
  for (let n = reader.count(1_000); n > 0; n--) apis.push({ apiKey: reader.int16(), minVersion: reader.int16(), maxVersion: reader.int16() });
  return apis.sort((a, b) => a.apiKey - b.apiKey);
}

/** One result per broker, each within the deadline: one broker down does not hide the others. */
export function brokerApiVersions(target: KafkaTarget, brokers: BrokerAddress[], deadlineMs: number): Promise<Array<{ broker: BrokerAddress; result: ConnectorResult<BrokerApiVersions> }>> {
  return Promise.all(
    brokers.map(async (broker) => ({
      broker,
      result: await withDeadline(
        deadlineMs,
        async (signal) => ({ nodeId: broker.nodeId, address: `${broker.host}:${broker.port}`, apis: decodeApiVersions(await sendRequest(target, broker, { ...API_VERSIONS, body: Buffer.alloc(0) }, signal)) }),
        (error) => classifyKafkaError(error, target),
      ),
    })),
  );
}
