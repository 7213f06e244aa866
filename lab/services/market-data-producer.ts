/**
 * Market-data feed handler: publishes vendor ticks to Kafka topic `market-data`
 * (keyed by symbol), ~20 ticks/s as a random walk around each instrument's reference.
 *
 * Fault `bad-prices`: the vendor feed starts sending zero and negative prices for part of
 * the ticks — the kind of upstream glitch the runbook's Data Quality section is about.
 */
import { Partitioners } from "kafkajs";
import { watchFaults } from "../core/fault-state.ts";
import { TOPICS } from "../core/paths.ts";
import { createKafka } from "./shared/kafka.ts";
import { onShutdown } from "./shared/lifecycle.ts";
import { createLogger } from "./shared/log.ts";
import { INSTRUMENTS, type RawTick } from "./shared/ticks.ts";

const SERVICE = "market-data-producer";
const TICKS_PER_SECOND = Number(process.env.LAB_TICKS_PER_SECOND ?? 20);
const VENUES = ["ICE-ENDEX", "EEX", "CME", "NASDAQ-CMDTY"];

const log = createLogger(SERVICE);
const producer = createKafka(SERVICE, log).producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
const prices = new Map(Object.entries(INSTRUMENTS).map(([sym, i]) => [sym, i.reference]));
let badPrices = false;
let sent = 0;
let connected = false;

watchFaults((active) => {
  if (active.has("bad-prices") !== badPrices) {
    badPrices = active.has("bad-prices");
    log.warn(badPrices ? "vendor feed degraded: zero/negative prices in feed" : "vendor feed recovered");
  }
});

function nextTick(): RawTick {
  const symbols = [...prices.keys()];
  const sym = symbols[Math.floor(Math.random() * symbols.length)]!;
  const last = prices.get(sym)!;
  const price = Math.max(0.01, last * (1 + (Math.random() - 0.5) * 0.004));
  prices.set(sym, price);
  // a quarter of the ticks carry a broken price while the feed is degraded
  const px = badPrices && Math.random() < 0.25 ? (Math.random() < 0.5 ? 0 : -price) : price;
  return { sym, px: px.toFixed(4), qty: 1 + Math.floor(Math.random() * 500), ts: Date.now(), venue: VENUES[Math.floor(Math.random() * VENUES.length)]! };
}

async function publishLoop() {
  const batch = Math.max(1, Math.round(TICKS_PER_SECOND / 4));
  for (;;) {
    const started = Date.now();
    const ticks = Array.from({ length: batch }, nextTick);
    try {
      if (!connected) {
        await producer.connect();
        connected = true;
        log.info("connected to Kafka", { topic: TOPICS.marketData });
      }
      await producer.send({ topic: TOPICS.marketData, messages: ticks.map((t) => ({ key: t.sym, value: JSON.stringify(t) })) });
      sent += ticks.length;
      if (sent % 1000 < batch) log.info("ticks published", { total: sent });
    } catch (error) {
      log.error("failed to publish ticks to Kafka", { topic: TOPICS.marketData, error });
      connected = false;
      await producer.disconnect().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 2_000));
    }
    await new Promise((r) => setTimeout(r, Math.max(0, 250 - (Date.now() - started))));
  }
}

onShutdown(log, () => producer.disconnect());
log.info("starting", { ticks_per_second: TICKS_PER_SECOND });
void publishLoop();
