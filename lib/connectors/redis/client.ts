import { Redis } from "ioredis";
import type { Catalog, Env } from "@/lib/config/catalog";
import { redact, withDeadline, type ConnectorError, type ConnectorResult } from "../result";
import { printable as printableText } from "@/lib/connectors/text";

/**
 * How the console reaches Redis (`kubectl exec redis-0 -- redis-cli …` instead): one ioredis
 * client per URL, connected on first use. While Redis is down nothing retries in the
 * background (retryStrategy → null: no reconnect storm); the next call after a failure
 * builds a fresh client, so the console reconnects as soon as Redis is back. A call that
 * hits the deadline drops its client too (a server that accepted the connection and never
 * answered leaves it useless). The URL may hold a password: it never appears in a message.
 */
export type RedisUrl = string;

export function redisUrl(system: Catalog["systems"]["redis"], env: Env): RedisUrl | null {
  return env[system.urlEnv] || null;
}

export const notConfigured = (system: Catalog["systems"]["redis"]): ConnectorError => ({ kind: "not_configured", message: `no Redis URL (set ${system.urlEnv})` });

interface Connection {
  client: Redis;
  ready: Promise<void>;
  /** the last error event: a refused AUTH shows up here, the command itself only sees "Connection is closed" */
  lastError?: unknown;
}

const connections = new Map<string, Connection>();

function connection(url: RedisUrl, deadlineMs: number): Connection {
  const existing = connections.get(url);
  if (existing && existing.client.status !== "end" && existing.client.status !== "close") return existing;
  existing?.client.disconnect();
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: deadlineMs,
    commandTimeout: deadlineMs,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    enableOfflineQueue: true,
    connectionName: "incident-console",
  });
  const ready = client.connect();
  ready.catch(() => undefined);
  const created: Connection = { client, ready };
  // Errors reach callers through their commands; the event is kept to explain a closed connection.
  client.on("error", (error: unknown) => {
    created.lastError = error;
  });
  connections.set(url, created);
  return created;
}

function drop(url: RedisUrl, dropped: Connection) {
  if (connections.get(url) === dropped) connections.delete(url);
  dropped.client.disconnect();
}

export function classifyRedisError(error: unknown): ConnectorError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) {
    if (code === "ETIMEDOUT") return { kind: "timeout", message: "connecting to Redis timed out (ETIMEDOUT)" };
    return { kind: "unreachable", message: `Redis is unreachable (${code})` };
  }
  if (/^(WRONGPASS|NOAUTH|NOPERM)\b/.test(message) || /invalid username-password|Authentication required/i.test(message)) {
    return { kind: "unauthorized", message: `Redis refused the login (${message.split(" ")[0]})` };
  }
  if (/Command timed out/i.test(message)) return { kind: "timeout", message: "Redis did not answer in time" };
  if (/Connection is closed|Stream isn't writeable|Reached the max retries/i.test(message)) return { kind: "unreachable", message: "the connection to Redis is closed" };
  return { kind: "bad_response", message: redact(message) };
}

/** Runs `work` on the URL's client (connecting first if needed) under the deadline. */
export async function withRedis<T>(url: RedisUrl, deadlineMs: number, work: (client: Redis) => Promise<T>): Promise<ConnectorResult<T>> {
  const used = connection(url, deadlineMs);
  const result = await withDeadline(
    deadlineMs,
    async () => {
      await used.ready;
      return work(used.client);
    },
    (error) => {
      const direct = classifyRedisError(error);
      return direct.kind === "unreachable" && used.lastError ? classifyRedisError(used.lastError) : direct;
    },
  );
  if (!result.ok && (result.error.kind === "timeout" || result.error.kind === "unreachable")) drop(url, used);
  return result;
}

/** Key names and values come from outside: printable and bounded. */
export function printable(text: string, max = 200): string {
  return printableText(text, max);
}

/** Closes every client (tests; a console shutting down). */
export async function closeRedisClients(): Promise<void> {
  const open = [...connections.values()];
  connections.clear();
  await Promise.all(open.map((entry) => entry.client.quit().catch(() => entry.client.disconnect())));
}
