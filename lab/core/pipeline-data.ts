/**
 * What the pipeline needs in its data stores before the services start: Kafka topics and
 * the API keys its clients use. Idempotent; run by `lab up`.
 */
import crypto from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import pg from "pg";
import { KAFKA_BROKERS, PIPELINE_DB_URL, TOPICS } from "./paths.ts";

export async function ensureTopics(): Promise<void> {
  const admin = new Kafka({ clientId: "lab-setup", brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = [
      { topic: TOPICS.marketData, numPartitions: 3, replicationFactor: 1 },
      { topic: TOPICS.normalizedTicks, numPartitions: 3, replicationFactor: 1 },
    ].filter((t) => !existing.has(t.topic));
    if (wanted.length) await admin.createTopics({ topics: wanted, waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** The desks' keys (plain text here: lab keys, not secrets). Restored to active on every `up`. */
export const CLIENT_KEYS = [
  { plain: "lab-key-desk-a", owner: "trading-desk-a" },
  { plain: "lab-key-desk-b", owner: "risk-desk-b" },
] as const;

export const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

export async function ensureApiKeys(): Promise<void> {
  const client = new pg.Client({ connectionString: PIPELINE_DB_URL, application_name: "lab-setup" });
  await client.connect();
  try {
    for (const key of CLIENT_KEYS) {
      await client.query(
        `INSERT INTO api_keys (key_hash, owner, is_active, expires_at)
         SELECT $1, $2, true, now() + interval '180 days'
         WHERE NOT EXISTS (SELECT 1 FROM api_keys WHERE key_hash = $1)`,
        [sha256(key.plain), key.owner],
      );
    }
  } finally {
    await client.end();
  }
}
