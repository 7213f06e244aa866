/** Database faults: slow ClickHouse queries, PostgreSQL lock contention. */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../core/proc.ts";
import { fault, healAll } from "../faults/registry.ts";
import { clickhouse, deploymentLogs, execIn, psql } from "./runbook.ts";

// a failed test must not leave its fault behind for the next one
afterEach(async () => {
  await healAll({ quiet: true });
});
afterAll(async () => {
  await healAll({ quiet: true });
});

describe("slow-queries", () => {
  it("multi-second queries top system.query_log; none after heal", async () => {
    const since = (await clickhouse("SELECT now()")).trim();
    await fault("slow-queries").inject();
    const slowSince = (t: string) =>
      clickhouse(`SELECT count() FROM system.query_log WHERE event_date = today() AND type = 2 AND event_time >= '${t}' AND query_duration_ms > 2000 AND query LIKE '%vwap backfill%'`);
    await waitFor("slow query logged", async () => Number(await slowSince(since)) > 0, 45_000, 1_000);
    const top = await clickhouse("SELECT query_duration_ms, query FROM system.query_log WHERE event_date = today() ORDER BY query_duration_ms DESC LIMIT 10");
    expect(top).toMatch(/vwap backfill/);
    const runbookTop = execIn("clickhouse-0", ["clickhouse-client", "--query", "SELECT * FROM system.query_log WHERE event_date = today() ORDER BY query_duration_ms DESC LIMIT 10"]);
    expect(runbookTop).toMatch(/vwap backfill/);
    await fault("slow-queries").heal();
    await new Promise((r) => setTimeout(r, 10_000)); // a backfill already running may finish
    const healedAt = (await clickhouse("SELECT now()")).trim();
    await new Promise((r) => setTimeout(r, 10_000));
    expect(Number(await slowSince(healedAt))).toBe(0);
  });
});

describe("pg-locks", () => {
  it("pg_stat_activity shows lock waits and connection pressure; heal releases them", async () => {
    await fault("pg-locks").inject();
    type Row = { application_name: string; state: string; wait_event_type: string | null };
    await waitFor("lock waits", async () => (await psql<Row>("SELECT * FROM pg_stat_activity")).some((r) => r.wait_event_type === "Lock"), 30_000);
    const rows = await psql<Row>("SELECT * FROM pg_stat_activity");
    expect(rows.some((r) => r.state === "idle in transaction")).toBe(true);
    expect(rows.length).toBeGreaterThan(25);
    expect(execIn("postgresql-0", ["psql", "-U", "user", "-d", "db", "-c", "SELECT * FROM pg_stat_activity"])).toMatch(/idle in transaction/);
    await waitFor("lookup timeouts logged", () => /ERROR .*API key lookup failed/.test(deploymentLogs("enrichment-service")), 30_000);
    await fault("pg-locks").heal();
    await waitFor("no lock waits", async () => !(await psql<Row>("SELECT * FROM pg_stat_activity")).some((r) => r.wait_event_type === "Lock" || r.state === "idle in transaction"), 20_000);
    expect((await psql("SELECT * FROM pg_stat_activity")).length).toBeLessThan(20);
  });
});
