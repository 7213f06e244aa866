import { createClient, ClickHouseLogLevel, type ClickHouseClient } from "@clickhouse/client";
import type { Catalog, Env } from "@/lib/config/catalog";
import { withDeadline, type ConnectorError, type ConnectorResult } from "../result";
import { printable as printableText } from "@/lib/connectors/text";

/**
 * How the console reaches ClickHouse (`kubectl exec clickhouse-0 -- clickhouse-client --query …`
 * over HTTP instead): one @clickhouse/client per target and deadline, reused across calls, and
 * `query()` that runs one statement under a deadline and turns 18.16's errors (codes only in
 * the message text, see lab/data/clickhouse/NOTES.md) into connector error kinds.
 */
export interface ClickHouseTarget {
  url: string;
  user: string;
  /** read from the variable the catalog names (systems.clickhouse.passwordEnv); never logged */
  password: string;
  database: string;
}

/** The catalog's ClickHouse section as a target; null when no URL is configured. */
export function clickhouseTarget(system: Catalog["systems"]["clickhouse"], env: Env): ClickHouseTarget | null {
  if (!system.url) return null;
  return { url: system.url, user: system.user, password: env[system.passwordEnv] ?? "", database: system.database };
}

export const NOT_CONFIGURED: ConnectorError = { kind: "not_configured", message: "no ClickHouse URL (set CLICKHOUSE_URL or systems.clickhouse.url)" };

const clients = new Map<string, ClickHouseClient>();

/** One client per target and deadline (HTTP keep-alive sockets are reused between calls). */
export function clickhouseClient(target: ClickHouseTarget, deadlineMs: number): ClickHouseClient {
  const key = JSON.stringify([target.url, target.user, target.password, target.database, deadlineMs]);
  let client = clients.get(key);
  if (!client) {
    client = createClient({
      url: target.url,
      username: target.user,
      password: target.password,
      database: target.database,
      application: "incident-console",
      request_timeout: deadlineMs,
      max_open_connections: 4,
      // 18.16 closes idle keep-alive sockets after 3 s; drop ours before it does.
      keep_alive: { enabled: true, idle_socket_ttl: 2_000 },
      log: { level: ClickHouseLogLevel.OFF },
    });
    clients.set(key, client);
  }
  return client;
}

/** ClickHouse error codes seen in 18.16's message text (`Code: 193, e.displayText() = …`). */
const UNAUTHORIZED_CODES = new Set([192, 193, 194, 195, 516]);
const NOT_FOUND_CODES = new Set([60, 81]);
const TIMEOUT_CODES = new Set([159, 160, 209, 210, 394]);

export function errorCode(message: string): number | null {
  const match = /Code: (\d+)/.exec(message);
  return match ? Number(match[1]) : null;
}

export function classifyClickHouseError(error: unknown): ConnectorError {
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(message);
  const networkCode = (error as { code?: unknown } | null)?.code;
  if (typeof networkCode === "string") {
    if (["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"].includes(networkCode)) {
      return { kind: "unreachable", message: `ClickHouse is unreachable (${networkCode})` };
    }
    if (networkCode === "ETIMEDOUT") return { kind: "timeout", message: "ClickHouse did not answer in time (ETIMEDOUT)" };
  }
  if (/timeout error/i.test(message)) return { kind: "timeout", message: "ClickHouse did not answer in time" };
  if (code !== null && UNAUTHORIZED_CODES.has(code)) return { kind: "unauthorized", message: `ClickHouse refused the login (code ${code}: wrong user or password)` };
  if (code !== null && NOT_FOUND_CODES.has(code)) return { kind: "not_found", message: `ClickHouse: ${describe(message)}` };
  if (code !== null && TIMEOUT_CODES.has(code)) return { kind: "timeout", message: `ClickHouse: ${describe(message)}` };
  if (/socket hang up|ECONNRESET/i.test(message)) return { kind: "unreachable", message: "ClickHouse closed the connection" };
  return { kind: "bad_response", message: `ClickHouse: ${describe(message)}` };
}

/** "Code: 60, e.displayText() = DB::Exception: Table default.x doesn't exist., e.what() = …" → "Table default.x doesn't exist (code 60)". */
function describe(message: string): string {
  const code = errorCode(message);
  const text = /DB::Exception: (.*?)(?:, e\.what\(\) = .*)?$/s.exec(message)?.[1] ?? message;
  return printable(`${text.trim().replace(/\.$/, "")}${code !== null ? ` (code ${code})` : ""}`, 300);
}

/** Text from the server (query texts, names, values): printable, bounded; passwords in it blanked. */
export function printable(text: string, max = 500): string {
  return printableText(text.replace(/(password|passwd|secret|token)(\s*[=:]?\s*)'[^']*'/gi, "$1$2'***'"), max, " ");
}

/** 64-bit integers arrive as strings in JSON formats; everything numeric goes through here. */
export function toNumber(value: unknown): number {
  const number = typeof value === "number" ? value : Number(value);
  return Number.isFinite(number) ? number : 0;
}

/**
 * Runs one statement built with `sql` (never from user text) and returns its rows. The
 * statement may not run past the deadline on the server either (`max_execution_time`).
 * Pass the statement as a function when building it can throw (a bad identifier): the
 * throw becomes a `bad_response` result like any other failure.
 */
export function query<Row>(
  target: ClickHouseTarget,
  statement: string | (() => string),
  deadlineMs: number,
  options: { queryId?: string; maxRows?: number } = {},
): Promise<ConnectorResult<Row[]>> {
  return withDeadline(
    deadlineMs,
    async (signal) => {
      const result = await clickhouseClient(target, deadlineMs).query({
        query: typeof statement === "function" ? statement() : statement,
        format: "JSONEachRow",
        abort_signal: signal,
        query_id: options.queryId,
        clickhouse_settings: {
          max_execution_time: Math.max(1, Math.ceil(deadlineMs / 1000)),
          ...(options.maxRows ? { max_result_rows: String(options.maxRows), result_overflow_mode: "break" } : {}),
        },
      });
      return (await result.json()) as Row[];
    },
    classifyClickHouseError,
  );
}

/** Closes every cached client (tests; a console shutting down). */
export async function closeClickHouseClients(): Promise<void> {
  const open = [...clients.values()];
  clients.clear();
  await Promise.all(open.map((client) => client.close().catch(() => undefined)));
}
