import pg from "pg";
import type { Catalog, Env } from "@/lib/config/catalog";
import { redact, withDeadline, type ConnectorError, type ConnectorResult } from "../result";
import { printable as printableText } from "@/lib/connectors/text";

/**
 * How the console reaches the pipeline's PostgreSQL (`kubectl exec postgresql-0 -- psql -U user -d db`
 * instead): one small pg Pool per URL, and `readOnly()`, which runs a piece of work in a READ
 * ONLY transaction whose statement_timeout ends before the caller's deadline. This is the
 * pipeline's database, not the console's own (lib/db): its URL, password included, comes from
 * the variable the catalog names (systems.postgresql.urlEnv) and never appears in a message.
 */
export type PipelineDbUrl = string;

export function pipelineDbUrl(system: Catalog["systems"]["postgresql"], env: Env): PipelineDbUrl | null {
  return env[system.urlEnv] || null;
}

export const notConfigured = (system: Catalog["systems"]["postgresql"]): ConnectorError => ({
  kind: "not_configured",
  message: `no pipeline database URL (set ${system.urlEnv})`,
});

const pools = new Map<string, pg.Pool>();

export function pipelinePool(url: PipelineDbUrl, deadlineMs: number): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      max: 3,
      connectionTimeoutMillis: deadlineMs,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
      keepAlive: true,
      application_name: "incident-console",
    });
    // An idle connection the server closed (restart, admin kill) must not crash the console;
    // the pool drops it and the next call connects again.
    pool.on("error", () => undefined);
    pools.set(url, pool);
  }
  return pool;
}

/** PostgreSQL's SQLSTATE codes and pg's own errors as connector error kinds; no URL or password in messages. */
export function classifyPgError(error: unknown): ConnectorError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "28P01" || code === "28000") return { kind: "unauthorized", message: `the pipeline database refused the login (${code}: wrong user or password)` };
  if (code === "3D000") return { kind: "not_found", message: printable(message, 200) };
  if (code === "42P01") return { kind: "not_found", message: redact(message) };
  if (code === "57014") return { kind: "timeout", message: "the query ran into statement_timeout (57014)" };
  if (code === "53300") return { kind: "unreachable", message: "the pipeline database has no connection slot left (53300 too many connections)" };
  if (code === "57P01" || code === "57P02" || code === "57P03") return { kind: "unreachable", message: `the pipeline database is shutting down or starting (${code})` };
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) {
    if (code === "ETIMEDOUT") return { kind: "timeout", message: "connecting to the pipeline database timed out (ETIMEDOUT)" };
    return { kind: "unreachable", message: `the pipeline database is unreachable (${code})` };
  }
  if (/timeout exceeded when trying to connect|connection timeout|Query read timeout/i.test(message)) return { kind: "timeout", message: "the pipeline database did not answer in time" };
  if (/Connection terminated|connection refused|ECONNREFUSED|ECONNRESET/i.test(message)) return { kind: "unreachable", message: "the pipeline database closed the connection" };
  return { kind: "bad_response", message: redact(message) };
}

/**
 * Runs `work` in `BEGIN READ ONLY` with `statement_timeout` at 80 % of the deadline, then
 * COMMIT. A client that was holding a query at the deadline is destroyed, not returned to
 * the pool (its connection may still be busy).
 */
export function readOnly<T>(url: PipelineDbUrl, deadlineMs: number, work: (client: pg.PoolClient) => Promise<T>): Promise<ConnectorResult<T>> {
  return withDeadline(
    deadlineMs,
    async (signal) => {
      const client = await pipelinePool(url, deadlineMs).connect();
      let released = false;
      const release = (destroy: boolean) => {
        if (released) return;
        released = true;
        client.release(destroy);
      };
      const onAbort = () => release(true);
      if (signal.aborted) {
        release(true);
        throw new Error("deadline");
      }
      signal.addEventListener("abort", onAbort, { once: true });
      try {
        await client.query("BEGIN READ ONLY");
        await client.query("SELECT set_config('statement_timeout', $1, true)", [`${Math.max(50, Math.floor(deadlineMs * 0.8))}ms`]);
        const value = await work(client);
        await client.query("COMMIT");
        release(false);
        return value;
      } catch (error) {
        // A query error leaves the transaction aborted: roll back and keep the connection;
        // a broken connection is destroyed.
        const sqlError = typeof (error as { code?: unknown }).code === "string" && /^[0-9A-Z]{5}$/.test((error as { code: string }).code);
        if (sqlError && !released) await client.query("ROLLBACK").catch(() => release(true));
        release(!sqlError);
        throw error;
      } finally {
        signal.removeEventListener("abort", onAbort);
      }
    },
    classifyPgError,
  );
}

/** bigint and numeric columns arrive as strings. */
export function toNumber(value: unknown): number {
  const number = typeof value === "number" ? value : Number(value);
  return Number.isFinite(number) ? number : 0;
}

/** Text from the database (names, query texts): printable, bounded, obvious secrets blanked. */
export function printable(text: unknown, max = 500): string {
  return printableText(redact(String(text ?? "")).replace(/(password|passwd|secret|token)(\s+)'[^']*'/gi, "$1$2'***'"), max, " ");
}

/** Closes every pool (tests; a console shutting down). */
export async function closePipelinePools(): Promise<void> {
  const open = [...pools.values()];
  pools.clear();
  await Promise.all(open.map((pool) => pool.end().catch(() => undefined)));
}
