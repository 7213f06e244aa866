import pg from "pg";
import type { ConnectorResult } from "../result";
import { printable, readOnly, toNumber, type PipelineDbUrl } from "./pool";

/**
 * `SELECT * FROM api_keys WHERE is_active = true`, without the secrets: only columns on an
 * allow-list are read (key_hash and anything else unknown never leave the database), and the
 * columns left out are named so a responder knows they exist. Expiry is judged by the
 * database's clock.
 */
const SHOWN = ["id", "name", "owner", "description", "is_active", "expires_at", "created_at", "updated_at", "last_used_at"] as const;
const MAX_KEYS = 500;

export type ApiKeyRow = Partial<Record<(typeof SHOWN)[number], string | number | boolean | null>> & {
  /** expires_at is in the past (null: the table has no expires_at, or the key never expires) */
  expired: boolean | null;
};

export interface ActiveApiKeys {
  keys: ApiKeyRow[];
  /** more than MAX_KEYS active keys: only the first were read */
  truncated: boolean;
  /** columns of api_keys not shown (e.g. key_hash) */
  omittedColumns: string[];
}

function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString();
  return printable(value, 200);
}

export function activeApiKeys(url: PipelineDbUrl, deadlineMs: number): Promise<ConnectorResult<ActiveApiKeys>> {
  return readOnly(url, deadlineMs, async (client) => {
    const columns = await client.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute WHERE attrelid = to_regclass('api_keys') AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    );
    if (columns.rowCount === 0) throw Object.assign(new Error("table api_keys does not exist"), { code: "42P01" });
    const names = columns.rows.map((row) => row.name);
    if (!names.includes("is_active")) throw new Error("api_keys has no is_active column");
    const shown = SHOWN.filter((name) => names.includes(name));
    // Only allow-listed constant names reach the statement, quoted all the same.
    const select = shown.map((name) => pg.escapeIdentifier(name));
    if (names.includes("expires_at")) select.push("(expires_at IS NOT NULL AND expires_at < now()) AS expired");
    const order = names.includes("id") ? "id" : "1";
    const result = await client.query<Record<string, unknown>>(`SELECT ${select.join(", ")} FROM api_keys WHERE is_active = true ORDER BY ${order} LIMIT ${MAX_KEYS + 1}`);
    const keys = result.rows.slice(0, MAX_KEYS).map((row) => {
      const key: ApiKeyRow = { expired: typeof row.expired === "boolean" ? row.expired : null };
      for (const name of shown) key[name] = name === "id" ? toNumber(row.id) : cell(row[name]);
      return key;
    });
    return { keys, truncated: result.rows.length > MAX_KEYS, omittedColumns: names.filter((name) => !(SHOWN as readonly string[]).includes(name)).map((name) => printable(name, 63)) };
  });
}
