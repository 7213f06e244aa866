import { createHash } from "node:crypto";
import { Kafka, logLevel, type Admin, type SASLOptions } from "kafkajs";
import type { Catalog, Env } from "@/lib/config/catalog";
import { failure, redact, withDeadline, type ConnectorError, type ConnectorResult } from "../result";
import { printable as printableText } from "@/lib/connectors/text";

/**
 * One connected kafkajs Admin per Kafka configuration per process: what the runbook's
 * `kubectl exec -it kafka-0 … kafka-*.sh --bootstrap-server localhost:9092` tools talk to,
 * reached directly. Built from the catalog's `systems.kafka` (brokers, clientId, ssl, sasl
 * with the password read from the variable `sasl.passwordEnv` names).
 *
 * kafkajs retries for a long time by default and logs to the console; here it gives up fast
 * (short connection/request timeouts, one retry) and says nothing. Every call also has the
 * caller's deadline (withDeadline), and an admin whose call failed for any reason but a
 * missing topic/group is dropped, so the next call connects afresh once Kafka is back.
 */
export interface KafkaTarget {
  brokers: string[];
  clientId: string;
  ssl: boolean;
  sasl?: { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string };
}

/** The catalog's Kafka section as a target: not configured without brokers or without the SASL password's variable. */
export function kafkaTarget(system: Catalog["systems"]["kafka"], env: Env): ConnectorResult<KafkaTarget> {
  if (!system.brokers?.length) return failure("not_configured", "no Kafka brokers (set KAFKA_BROKERS or systems.kafka.brokers)");
  let sasl: KafkaTarget["sasl"];
  if (system.sasl) {
    const password = env[system.sasl.passwordEnv];
    if (!password) return failure("not_configured", `the SASL password variable ${system.sasl.passwordEnv} is not set`);
    sasl = { mechanism: system.sasl.mechanism, username: system.sasl.username, password };
  }
  return { ok: true, value: { brokers: system.brokers, clientId: system.clientId, ssl: system.ssl, sasl }, ms: 0 };
}

/** Timeouts of the client itself: short, so a call that outlives its deadline still ends soon after. */
const CLIENT_TIMEOUTS = { connectionTimeout: 1_000, authenticationTimeout: 1_500, requestTimeout: 2_000, enforceRequestTimeout: true };
const RETRY = { retries: 1, initialRetryTime: 100, maxRetryTime: 300 };

interface Entry {
  admin: Admin;
  connecting: Promise<void>;
}

const admins = new Map<string, Entry>();

/** The cache key: the configuration, with the password only as a hash. */
function keyOf(target: KafkaTarget): string {
  const password = target.sasl ? createHash("sha256").update(target.sasl.password).digest("hex") : null;
  return JSON.stringify({ ...target, sasl: target.sasl ? { ...target.sasl, password } : null });
}

function connectedAdmin(target: KafkaTarget): Entry {
  const key = keyOf(target);
  let entry = admins.get(key);
  if (!entry) {
    const kafka = new Kafka({
      clientId: target.clientId,
      brokers: target.brokers,
      ssl: target.ssl,
      sasl: target.sasl as SASLOptions | undefined,
      logLevel: logLevel.NOTHING,
      retry: RETRY,
      ...CLIENT_TIMEOUTS,
    });
    const admin = kafka.admin({ retry: RETRY });
    const created: Entry = { admin, connecting: admin.connect() };
    // A failed connect is seen by the caller awaiting it; the entry is dropped then.
    created.connecting.catch(() => undefined);
    admins.set(key, created);
    entry = created;
  }
  return entry;
}

function drop(target: KafkaTarget, entry: Entry): void {
  const key = keyOf(target);
  if (admins.get(key) === entry) admins.delete(key);
  entry.admin.disconnect().catch(() => undefined);
}

/** Runs `task` with the target's connected admin, within the deadline. */
export async function withAdmin<T>(target: KafkaTarget, deadlineMs: number, task: (admin: Admin) => Promise<T>): Promise<ConnectorResult<T>> {
  const entry = connectedAdmin(target);
  const result = await withDeadline(
    deadlineMs,
    async () => {
      await entry.connecting;
      return task(entry.admin);
    },
    (error) => classifyKafkaError(error, target),
  );
  if (!result.ok && result.error.kind !== "not_found") drop(target, entry);
  return result;
}

/** Closes every cached admin (tests, shutdown). */
export async function disconnectAll(): Promise<void> {
  const entries = [...admins.values()];
  admins.clear();
  await Promise.all(entries.map((entry) => entry.admin.disconnect().catch(() => undefined)));
}

/** A kafkajs error (and its causes) as a connector error; the message never holds the SASL password. */
export function classifyKafkaError(error: unknown, target?: KafkaTarget): ConnectorError {
  const seen = new Set<unknown>();
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const { name, type, code } = current as { name?: unknown; type?: unknown; code?: unknown };
    const text = current instanceof Error ? current.message : "";
    if (name === "KafkaJSSASLAuthenticationError" || type === "SASL_AUTHENTICATION_FAILED" || type === "ILLEGAL_SASL_STATE" || type === "UNSUPPORTED_SASL_MECHANISM") {
      return { kind: "unauthorized", message: "the broker refused the SASL credentials" };
    }
    if (type === "TOPIC_AUTHORIZATION_FAILED" || type === "GROUP_AUTHORIZATION_FAILED" || type === "CLUSTER_AUTHORIZATION_FAILED") {
      return { kind: "unauthorized", message: `not authorized (${type})` };
    }
    if (type === "UNKNOWN_TOPIC_OR_PARTITION" || /does not host this topic-partition/i.test(text)) return { kind: "not_found", message: "no such topic" };
    if (name === "KafkaJSRequestTimeoutError" || /Connection timeout|Request .* timed out/i.test(text)) return { kind: "timeout", message: "the broker did not answer in time" };
    if (typeof code === "string" && /^E[A-Z_]+$/.test(code)) return { kind: code === "ETIMEDOUT" ? "timeout" : "unreachable", message: `connection failed (${code})` };
    if (name === "KafkaJSConnectionError" || name === "KafkaJSConnectionClosedError" || name === "KafkaJSBrokerNotFound") {
      return { kind: "unreachable", message: "no broker reachable" };
    }
    if (text) message = text;
    current = (current as { cause?: unknown }).cause;
  }
  let safe = redact(message);
  if (target?.sasl?.password) safe = safe.split(target.sasl.password).join("***");
  return { kind: "bad_response", message: safe };
}

/** Names, hosts and client ids come from the brokers: printable and bounded. */
export function printable(text: string, max = 255): string {
  return printableText(text, max);
}
