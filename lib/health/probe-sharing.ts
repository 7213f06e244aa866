import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import pg from "pg";
import type { PanelHealth } from "./collector";

/**
 * Probe sharing between console processes on one database (lib/health/collector.ts): per
 * panel, one process claims the next probe in one statement, probes, and publishes the
 * result into "HealthPanelProbe"; the others read it instead of probing the same backend.
 *
 * A claim is a lease. While the probe runs it lasts the probe's deadline plus a margin, so a
 * process that dies mid-probe holds the panel no longer than that; once published, it lasts
 * until the holder's next turn plus a grace, so the holder keeps probing the panel (its
 * prober keeps the scrapes, rates and trends between sweeps) and another process takes over
 * only when the holder stops (nobody watches it, or it died). Times are the database's, so
 * the processes' clocks do not matter for who probes when.
 *
 * Its own small pool with short time limits: the overview is needed most when things break,
 * so a database that is down or slow must cost a probe round at most a moment, after which
 * the collector probes on its own (docs/reliability.md).
 */
export type SharedResult = Omit<PanelHealth, "history">;

export interface SharedPanel {
  /** the latest published result, if any (and if it has the shape this version reads) */
  result: SharedResult | null;
  /** who holds the claim */
  claimedBy: string;
  /** the claim's lease, from the database's clock: ≤ 0 means anyone may claim */
  leaseRemainingMs: number;
}

export interface ClaimTiming {
  /** the holder's own next probe may start once its last one started this long ago */
  selfDueMs: number;
  /** how long a claim lasts while its probe runs (the probe's deadline plus a margin) */
  probeLeaseMs: number;
}

export interface ClaimAnswer {
  /** the panels this process now probes, with the claim number to publish under */
  claimed: Map<string, string>;
  /** every asked panel's row as it stood (absent before the first claim) */
  panels: Map<string, SharedPanel>;
}

export interface ProbeSharing {
  /** who this process is in the claims (random per start, with the host and pid for people) */
  readonly holder: string;
  /** One statement: claims each of `panels` that is due for this process; returns every one's row. */
  claim(panels: string[], timing: ClaimTiming): Promise<ClaimAnswer>;
  read(panels: string[]): Promise<Map<string, SharedPanel>>;
  /**
   * Publishes a result under its claim, if that claim is still the panel's latest (a probe
   * whose lease ran out and was taken over publishes nothing); the holder then keeps the
   * panel for `holdMs` from its claim.
   */
  publish(panel: string, claimNo: string, result: SharedResult, holdMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The time limits on every statement of the sharing pool: past them the collector probes alone. */
export const SHARING_LIMITS = { connectMs: 750, queryMs: 750 } as const;

const ROW = `p."claimedBy", p.result, (EXTRACT(EPOCH FROM (p."leaseUntil" - clock.t)) * 1000)::float8 AS "leaseRemainingMs"`;

interface Row {
  panel: string;
  claimedBy: string | null;
  result: unknown;
  leaseRemainingMs: number | null;
}

export function postgresProbeSharing(connectionString: string, holder = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`): ProbeSharing {
  const pool = new pg.Pool({
    connectionString,
    max: 2,
    connectionTimeoutMillis: SHARING_LIMITS.connectMs,
    query_timeout: SHARING_LIMITS.queryMs,
    statement_timeout: SHARING_LIMITS.queryMs,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // An idle connection whose server went away must not crash the process; the next query says so.
  pool.on("error", () => {});

  const toPanels = (rows: Row[]) =>
    new Map(
      rows
        .filter((row) => row.claimedBy !== null)
        .map((row) => [row.panel, { result: sharedResult(row.result), claimedBy: row.claimedBy!, leaseRemainingMs: row.leaseRemainingMs ?? 0 }]),
    );

  return {
    holder,
    async claim(panels, timing) {
      // Timestamps are stored as UTC without a zone, as Prisma writes them.
      const { rows } = await pool.query<Row & { won: string | null }>(
        `WITH clock AS (SELECT (now() AT TIME ZONE 'UTC') AS t),
         won AS (
           INSERT INTO "HealthPanelProbe" AS p (panel, "claimNo", "claimedBy", "claimedAt", "leaseUntil")
           SELECT k.panel, 1, $2, clock.t, clock.t + make_interval(secs => $4::float8 / 1000) FROM unnest($1::text[]) AS k(panel), clock
           ON CONFLICT (panel) DO UPDATE SET "claimNo" = p."claimNo" + 1, "claimedBy" = EXCLUDED."claimedBy",
             "claimedAt" = EXCLUDED."claimedAt", "leaseUntil" = EXCLUDED."leaseUntil"
           WHERE p."leaseUntil" < EXCLUDED."claimedAt"
              OR (p."claimedBy" = EXCLUDED."claimedBy" AND p."claimedAt" <= EXCLUDED."claimedAt" - make_interval(secs => $3::float8 / 1000))
           RETURNING p.panel, p."claimNo"::text AS "claimNo"
         )
         SELECT k.panel, won."claimNo" AS won, ${ROW}
           FROM unnest($1::text[]) AS k(panel) CROSS JOIN clock
           LEFT JOIN "HealthPanelProbe" p ON p.panel = k.panel
           LEFT JOIN won ON won.panel = k.panel`,
        // Sorted: rows are locked in one order by every process, so two claims never deadlock.
        [[...panels].sort(), holder, timing.selfDueMs, timing.probeLeaseMs],
      );
      // The rows read are as they stood before this statement's claims (one snapshot).
      return { claimed: new Map(rows.filter((row) => row.won !== null).map((row) => [row.panel, row.won!])), panels: toPanels(rows) };
    },
    async read(panels) {
      const { rows } = await pool.query<Row>(
        `WITH clock AS (SELECT (now() AT TIME ZONE 'UTC') AS t)
         SELECT p.panel, ${ROW} FROM "HealthPanelProbe" p CROSS JOIN clock WHERE p.panel = ANY($1::text[])`,
        [panels],
      );
      return toPanels(rows);
    },
    async publish(panel, claimNo, result, holdMs) {
      const { rowCount } = await pool.query(
        `UPDATE "HealthPanelProbe" SET result = $4::jsonb, "resultNo" = "claimNo",
           "leaseUntil" = GREATEST("claimedAt" + make_interval(secs => $5::float8 / 1000), (now() AT TIME ZONE 'UTC') + make_interval(secs => $5::float8 / 3000))
         WHERE panel = $1 AND "claimNo" = $2::bigint AND "claimedBy" = $3`,
        [panel, claimNo, holder, JSON.stringify(result), holdMs],
      );
      return rowCount === 1;
    },
    async close() {
      await pool.end().catch(() => {});
    },
  };
}

/** A stored result as this version reads it, or null (written by another version, or damaged). */
function sharedResult(value: unknown): SharedResult | null {
  if (!value || typeof value !== "object") return null;
  const result = value as Partial<SharedResult>;
  const ok =
    typeof result.name === "string" &&
    typeof result.status === "string" &&
    Array.isArray(result.reasons) &&
    Array.isArray(result.findings) &&
    !!result.figures &&
    typeof result.figures === "object" &&
    typeof result.checkedAt === "string" &&
    !Number.isNaN(Date.parse(result.checkedAt)) &&
    typeof result.ms === "number";
  return ok ? (result as SharedResult) : null;
}
