/**
 * API key checks against the pipeline database's `api_keys` table (PostgreSQL).
 * Keys are stored as sha256 hex; results are cached briefly, like the real services do,
 * so a revoked key is refused within a few seconds.
 */
import crypto from "node:crypto";
import pg from "pg";
import { PIPELINE_DB_URL } from "../../core/paths.ts";

export type KeyCheck =
  | { ok: true; id: number; owner: string }
  | { ok: false; status: 401; reason: "missing" | "unknown" | "revoked" | "expired"; owner?: string; id?: number }
  | { ok: false; status: 503; reason: "lookup-failed"; detail: string };

const CACHE_MS = 5_000;

export function createApiKeyChecker(applicationName: string) {
  // Small pool and short timeouts: when the table is locked (pg-locks fault) lookups time
  // out and the API answers 503 instead of hanging forever. statement_timeout is enforced
  // by the server, so the backend stops waiting too and the connection stays usable.
  const pool = new pg.Pool({
    connectionString: PIPELINE_DB_URL,
    max: 4,
    application_name: applicationName,
    connectionTimeoutMillis: 3_000,
    statement_timeout: 2_500,
    query_timeout: 5_000,
  });
  pool.on("error", () => undefined); // idle client errors surface on the next query
  const cache = new Map<string, { at: number; result: KeyCheck }>();

  async function check(plainKey: string | undefined): Promise<KeyCheck> {
    if (!plainKey) return { ok: false, status: 401, reason: "missing" };
    const hash = crypto.createHash("sha256").update(plainKey).digest("hex");
    const hit = cache.get(hash);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.result;
    let result: KeyCheck;
    try {
      const { rows } = await pool.query<{ id: number; owner: string; is_active: boolean; expired: boolean }>(
        "SELECT id, owner, is_active, (expires_at IS NOT NULL AND expires_at <= now()) AS expired FROM api_keys WHERE key_hash = $1",
        [hash],
      );
      const row = rows[0];
      if (!row) result = { ok: false, status: 401, reason: "unknown" };
      else if (!row.is_active) result = { ok: false, status: 401, reason: "revoked", owner: row.owner, id: row.id };
      else if (row.expired) result = { ok: false, status: 401, reason: "expired", owner: row.owner, id: row.id };
      else result = { ok: true, id: row.id, owner: row.owner };
    } catch (error) {
      return { ok: false, status: 503, reason: "lookup-failed", detail: (error as Error).message };
    }
    cache.set(hash, { at: Date.now(), result });
    return result;
  }

  return { check, close: () => pool.end() };
}
