// Checks that kafkajs 2.2.4 works against the lab broker (Kafka 3.9 KRaft):
// produce -> consume as group `normalization-group` -> admin offsets / lag.
//
//   npm install --prefix /tmp/kjs kafkajs@2.2.4      (outside the repo; not a project dependency)
//   KAFKAJS_PREFIX=/tmp/kjs node lab/data/kafka/kafkajs-check.mjs
//
// Env: KAFKA_BROKERS (default 127.0.0.1:59092), KAFKA_TOPIC (market-data),
//      KAFKA_GROUP (normalization-group), KAFKAJS_PREFIX (/tmp/kjs).
// Exits 0 on success, 1 on failure. Leaves a known lag behind: after the consumer has
// committed everything it produced, it produces LAG_LEFT more messages that nobody
// consumes, so `kafka-consumer-groups --describe` shows a non-zero LAG afterwards.
import { createRequire } from 'node:module';
import path from 'node:path';

const prefix = process.env.KAFKAJS_PREFIX || '/tmp/kjs';
const require = createRequire(path.join(path.resolve(prefix), 'node_modules', 'noop.js'));
let kafkajs;
try {
  kafkajs = require('kafkajs');
} catch {
  console.error(`kafkajs not found under ${prefix}: npm install --prefix ${prefix} kafkajs@2.2.4`);
  process.exit(1);
}
const { Kafka, logLevel, Partitioners } = kafkajs;

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:59092').split(',');
const topic = process.env.KAFKA_TOPIC || 'market-data';
const groupId = process.env.KAFKA_GROUP || 'normalization-group';
const N = Number(process.env.MESSAGES || 30);
const LAG_LEFT = Number(process.env.LAG_LEFT || 5);
const runId = `check-${Date.now()}`;

const kafka = new Kafka({ clientId: 'lab-kafkajs-check', brokers, logLevel: logLevel.WARN });
const step = (msg) => console.log(`[kafkajs-check] ${msg}`);
const symbols = ['AAPL', 'MSFT', 'GOOG', 'AMZN', 'TSLA'];
const tick = (i) => ({
  key: symbols[i % symbols.length],
  value: JSON.stringify({ run: runId, i, symbol: symbols[i % symbols.length], price: 100 + i, volume: i * 10, ts: new Date().toISOString() }),
});

async function lagByPartition(admin) {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const ends = await admin.fetchTopicOffsets(topic);
  return ends
    .map((e) => {
      const c = committed.partitions.find((p) => p.partition === e.partition);
      const off = c && Number(c.offset) >= 0 ? Number(c.offset) : Number(e.low);
      return { partition: e.partition, committed: c ? c.offset : null, end: e.high, lag: Number(e.high) - off };
    })
    .sort((a, b) => a.partition - b.partition);
}

async function main() {
  const admin = kafka.admin();
  await admin.connect();
  const cluster = await admin.describeCluster();
  step(`cluster ${cluster.clusterId}, controller ${cluster.controller}, brokers ${cluster.brokers.map((b) => `${b.host}:${b.port}`).join(',')}`);
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  step(`topic ${topic}: ${meta.topics[0].partitions.length} partitions`);

  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const sent = await producer.send({ topic, messages: Array.from({ length: N }, (_, i) => tick(i)) });
  step(`produced ${N} messages: ${JSON.stringify(sent.map((r) => [r.partition, r.baseOffset]))}`);

  const consumer = kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let mine = 0;
  let total = 0;
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout: consumed ${mine}/${N} of this run`)), 30000);
    consumer.run({
      eachMessage: async ({ message }) => {
        total += 1;
        if (JSON.parse(message.value.toString()).run === runId) mine += 1;
        if (mine >= N) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await done;
  step(`consumed ${mine} messages of this run (${total} in total) as group ${groupId}`);
  await consumer.stop(); // commits the resolved offsets
  await consumer.disconnect();

  let lag = await lagByPartition(admin);
  const lag0 = lag.reduce((s, p) => s + p.lag, 0);
  step(`after consume: lag ${lag0} ${JSON.stringify(lag)}`);
  if (lag0 !== 0) throw new Error(`expected lag 0 after consuming, got ${lag0}`);

  await producer.send({ topic, messages: Array.from({ length: LAG_LEFT }, (_, i) => tick(N + i)) });
  await producer.disconnect();
  lag = await lagByPartition(admin);
  const lag1 = lag.reduce((s, p) => s + p.lag, 0);
  step(`after ${LAG_LEFT} more unconsumed messages: lag ${lag1} ${JSON.stringify(lag)}`);
  if (lag1 !== LAG_LEFT) throw new Error(`expected lag ${LAG_LEFT}, got ${lag1}`);

  const groups = await admin.listGroups();
  const described = await admin.describeGroups([groupId]);
  step(`listGroups: ${groups.groups.map((g) => `${g.groupId}(${g.protocolType})`).join(', ')}; ${groupId} state=${described.groups[0].state}`);
  await admin.disconnect();
  step('OK');
}

main().catch((e) => {
  console.error(`[kafkajs-check] FAILED: ${e.stack || e}`);
  process.exit(1);
});
